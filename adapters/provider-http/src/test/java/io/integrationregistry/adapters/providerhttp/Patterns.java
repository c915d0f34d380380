package io.integrationregistry.adapters.providerhttp;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Large bodies made on the fly from a position-dependent pattern, so that no test holds them whole. */
final class Patterns {

    private Patterns() {}

    static byte byteAt(long position) {
        return (byte) ((position * 31 + (position >>> 11)) % 251);
    }

    static String sha256(long size) {
        try (InputStream in = stream(size, -1, null)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * {@code size} pattern bytes; after {@code pauseAfter} bytes (if not -1) it waits until {@code resume}
     * is counted down, and fails if that does not happen in time.
     */
    static InputStream stream(long size, long pauseAfter, CountDownLatch resume) {
        return new InputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (position >= size) {
                    return -1;
                }
                if (position == pauseAfter) {
                    awaitResume();
                }
                long end = Math.min(size, position + length);
                if (pauseAfter > position) {
                    end = Math.min(end, pauseAfter);
                }
                int count = (int) (end - position);
                for (int i = 0; i < count; i++) {
                    buffer[offset + i] = byteAt(position + i);
                }
                position = end;
                return count;
            }

            private void awaitResume() throws IOException {
                try {
                    if (!resume.await(20, TimeUnit.SECONDS)) {
                        throw new IOException("the receiver never got the first bytes: the body was not streamed");
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException(interrupted);
                }
            }
        };
    }
}
