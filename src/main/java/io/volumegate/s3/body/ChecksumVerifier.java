package io.volumegate.s3.body;

import io.volumegate.checksum.RunningChecksum;
import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.http.BodySink;
import io.volumegate.http.S3Error;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * Computes one flexible checksum as the body streams past and, once it has ended, holds it
 * to the value the client sent, if any. The expected value is asked for only then, because
 * a trailer arrives after the last byte of the object.
 */
public final class ChecksumVerifier implements BodySink {
    private final ChecksumAlgorithm algorithm;
    private final Supplier<String> expected;
    private final BodySink next;
    private final RunningChecksum running;
    private String computed;

    /**
     * @param expected base64 value the client sent, asked for once the body has ended; it
     *                 may answer null (no value sent), and then the checksum is only computed
     */
    public ChecksumVerifier(ChecksumAlgorithm algorithm, Supplier<String> expected, BodySink next) {
        this.algorithm = algorithm;
        this.expected = expected;
        this.next = next;
        this.running = algorithm.start();
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        running.update(data, offset, length);
        next.write(data, offset, length);
    }

    @Override
    public void finish() throws IOException {
        byte[] actual = running.result();
        computed = algorithm.encode(actual);
        String claimed = expected.get();
        if (claimed != null && !MessageDigest.isEqual(ChecksumHeaders.decode(algorithm, claimed), actual)) {
            throw S3Error.BAD_DIGEST.exception("The " + algorithm.name()
                    + " you specified did not match the calculated checksum.");
        }
        next.finish();
    }

    public ChecksumAlgorithm algorithm() { return algorithm; }

    /** The checksum of the body, base64 as S3 echoes it; valid after {@link #finish()}. */
    public String checksum() {
        if (computed == null) throw new IllegalStateException("the body has not ended");
        return computed;
    }
}
