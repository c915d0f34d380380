package io.integrationregistry.adapters.providerhttp;

import java.time.Duration;

/**
 * The limits every outbound call to a provider runs under, so that a slow or hostile provider can hold
 * neither a thread nor memory for long. A null duration takes its default.
 *
 * @param connectTimeout   how long to wait for a connection (and for a free one from the pool)
 * @param readTimeout      how long to wait for the answer, and between two reads of it
 * @param maxAnswerBytes   the largest JSON answer read into memory
 * @param maxDownloadBytes the largest download or thumbnail streamed on to the caller
 */
public record ProviderHttpSettings(Duration connectTimeout, Duration readTimeout, long maxAnswerBytes,
                                   long maxDownloadBytes) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_ANSWER_BYTES = 10L * 1024 * 1024;
    public static final long DEFAULT_MAX_DOWNLOAD_BYTES = 2L * 1024 * 1024 * 1024;

    public ProviderHttpSettings {
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : requirePositive("connectTimeout",
                connectTimeout);
        readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : requirePositive("readTimeout", readTimeout);
        if (maxAnswerBytes <= 0) {
            throw new IllegalArgumentException("maxAnswerBytes must be positive");
        }
        if (maxDownloadBytes <= 0) {
            throw new IllegalArgumentException("maxDownloadBytes must be positive");
        }
    }

    /** 5 s to connect, 30 s to answer, 10 MiB of JSON, 2 GiB of download. */
    public static ProviderHttpSettings defaults() {
        return new ProviderHttpSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_MAX_ANSWER_BYTES,
                DEFAULT_MAX_DOWNLOAD_BYTES);
    }

    private static Duration requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }
}
