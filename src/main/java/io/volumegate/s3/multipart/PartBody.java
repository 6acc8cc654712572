package io.volumegate.s3.multipart;

import io.volumegate.auth.AuthResult;
import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.http.BodySink;
import io.volumegate.http.S3Error;
import io.volumegate.objects.PartUpload;
import io.volumegate.s3.body.ChecksumRequest;
import io.volumegate.s3.body.ChecksumVerifier;
import io.volumegate.s3.body.UploadBody;
import io.volumegate.storage.multipart.PartRules;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An UploadPart body: the same pipeline as a PutObject's (aws-chunked, signatures,
 * Content-MD5, checksums) into the part. A client may check a part with another algorithm
 * than the upload's: that checksum is verified, and the upload's is computed as well, since
 * the object's checksum is made of the parts'.
 */
final class PartBody {
    private final UploadBody body;
    private final ChecksumVerifier uploadChecksum;
    private final ChecksumAlgorithm uploadAlgorithm;

    private PartBody(UploadBody body, ChecksumVerifier uploadChecksum, ChecksumAlgorithm uploadAlgorithm) {
        this.body = body;
        this.uploadChecksum = uploadChecksum;
        this.uploadAlgorithm = uploadAlgorithm;
    }

    /**
     * @throws io.volumegate.http.S3Exception InvalidRequest when the upload was created with a
     *         checksum the client chose and the part carries another; the pipeline's refusals
     */
    static PartBody assemble(Function<String, String> header, long contentLength, AuthResult auth, PartUpload part) {
        ChecksumAlgorithm uploadAlgorithm = ChecksumAlgorithm.valueOf(part.uploadChecksumAlgorithm());
        ChecksumAlgorithm sent = ChecksumRequest.from(header, uploadAlgorithm).algorithm();
        if (sent != uploadAlgorithm && part.checksumRequested()) {
            throw S3Error.INVALID_REQUEST.exception("Checksum Type mismatch occurred, expected checksum Type: "
                    + lower(uploadAlgorithm) + ", actual checksum Type: " + lower(sent));
        }
        ChecksumVerifier uploadChecksum = sent == uploadAlgorithm ? null : new ChecksumVerifier(uploadAlgorithm, () -> null, part::write);
        BodySink destination = uploadChecksum == null ? part::write : uploadChecksum;
        UploadBody body = UploadBody.assemble(header, contentLength, PartRules.MAX_PART_SIZE, auth, destination, uploadAlgorithm);
        return new PartBody(body, uploadChecksum, uploadAlgorithm);
    }

    BodySink sink() { return body.sink(); }

    String md5Hex() { return body.md5Hex(); }

    /** The part's checksums, the upload's algorithm among them; valid once the body has ended. */
    Map<String, String> checksums() {
        Map<String, String> checksums = new TreeMap<>();
        checksums.put(body.checksumAlgorithm().name(), body.checksum());
        if (uploadChecksum != null) checksums.put(uploadAlgorithm.name(), uploadChecksum.checksum());
        return checksums;
    }

    private static String lower(ChecksumAlgorithm algorithm) {
        return algorithm.name().toLowerCase(Locale.ROOT);
    }
}
