package io.integrationregistry.adapters.providerhttp;

import java.time.Duration;

/**
 * The limits every outbound call to a provider runs under, so that a slow or hostile provider can hold
 * neither a thread nor memory for long. A null duration takes its default.
 *
 * @param connectTimeout      how long to wait for a connection (and for a free one from the pool)
 * @param readTimeout         how long to wait for the answer, and between two reads of it
 * @param maxAnswerBytes      the largest JSON answer read into memory
 * @param maxDownloadBytes    the largest download or thumbnail streamed on to the caller
 * @param callDeadline        how long a JSON call (redirects and reading the answer included) may take in all
 * @param transferDeadline    how long a download, thumbnail or upload may take in all
 * @param minimumTransferRate the fewest bytes per second a download or upload must move, averaged over each
 *                            {@code transferRateWindow}; 0 for no minimum
 * @param transferRateWindow  the span over which the transfer rate is measured
 */
public record ProviderHttpSettings(
        Duration connectTimeout,
        Duration readTimeout,
        long maxAnswerBytes,
        long maxDownloadBytes,
        Duration callDeadline,
        Duration transferDeadline,
        long minimumTransferRate,
        Duration transferRateWindow) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_ANSWER_BYTES = 10L * 1024 * 1024;
    public static final long DEFAULT_MAX_DOWNLOAD_BYTES = 2L * 1024 * 1024 * 1024;
    public static final Duration DEFAULT_CALL_DEADLINE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TRANSFER_DEADLINE = Duration.ofMinutes(10);
    public static final long DEFAULT_MINIMUM_TRANSFER_RATE = 1024;
    public static final Duration DEFAULT_TRANSFER_RATE_WINDOW = Duration.ofSeconds(30);

    public ProviderHttpSettings {
        connectTimeout =
                connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : requirePositive("connectTimeout", connectTimeout);
        readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : requirePositive("readTimeout", readTimeout);
        callDeadline = callDeadline == null ? DEFAULT_CALL_DEADLINE : requirePositive("callDeadline", callDeadline);
        transferDeadline = transferDeadline == null
                ? DEFAULT_TRANSFER_DEADLINE
                : requirePositive("transferDeadline", transferDeadline);
        transferRateWindow = transferRateWindow == null
                ? DEFAULT_TRANSFER_RATE_WINDOW
                : requirePositive("transferRateWindow", transferRateWindow);
        if (maxAnswerBytes <= 0) {
            throw new IllegalArgumentException("maxAnswerBytes must be positive");
        }
        if (maxDownloadBytes <= 0) {
            throw new IllegalArgumentException("maxDownloadBytes must be positive");
        }
        if (minimumTransferRate < 0) {
            throw new IllegalArgumentException("minimumTransferRate must not be negative");
        }
    }

    /** The given limits, with the default deadlines and minimum transfer rate. */
    public ProviderHttpSettings(
            Duration connectTimeout, Duration readTimeout, long maxAnswerBytes, long maxDownloadBytes) {
        this(
                connectTimeout,
                readTimeout,
                maxAnswerBytes,
                maxDownloadBytes,
                null,
                null,
                DEFAULT_MINIMUM_TRANSFER_RATE,
                null);
    }

    /** 5 s to connect, 30 s to answer and for a whole call, 10 MiB of JSON, 2 GiB of download in 10 min. */
    public static ProviderHttpSettings defaults() {
        return new ProviderHttpSettings(
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_MAX_ANSWER_BYTES, DEFAULT_MAX_DOWNLOAD_BYTES);
    }

    /** The same limits with other deadlines and minimum transfer rate. */
    public ProviderHttpSettings withDeadlines(Duration call, Duration transfer, long minimumRate, Duration window) {
        return new ProviderHttpSettings(
                connectTimeout, readTimeout, maxAnswerBytes, maxDownloadBytes, call, transfer, minimumRate, window);
    }

    private static Duration requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }
}
