package io.volumegate.s3.xml;

import java.util.LinkedHashMap;
import java.util.Map;

/** One {@code <Part>} of a CompleteMultipartUpload request. Text fields: we validate numbers ourselves. */
public class CompletedPart {
    public String PartNumber;
    public String ETag;
    public String ChecksumCRC32;
    public String ChecksumCRC32C;
    public String ChecksumCRC64NVME;
    public String ChecksumSHA1;
    public String ChecksumSHA256;

    /** The listed checksums by algorithm name. */
    public Map<String, String> checksums() {
        Map<String, String> listed = new LinkedHashMap<>();
        putIfSet(listed, "CRC32", ChecksumCRC32);
        putIfSet(listed, "CRC32C", ChecksumCRC32C);
        putIfSet(listed, "CRC64NVME", ChecksumCRC64NVME);
        putIfSet(listed, "SHA1", ChecksumSHA1);
        putIfSet(listed, "SHA256", ChecksumSHA256);
        return listed;
    }

    private static void putIfSet(Map<String, String> map, String algorithm, String value) {
        if (value != null && !value.isBlank()) map.put(algorithm, value.strip());
    }
}
