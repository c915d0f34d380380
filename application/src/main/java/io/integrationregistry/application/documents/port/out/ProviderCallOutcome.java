package io.integrationregistry.application.documents.port.out;

import java.util.Locale;

/**
 * How one provider call ended, as the call log, the metrics and the integration's health name it. An
 * outcome the provider caused by failing to serve (an error, no answer, refused credentials, too many
 * calls) counts against the integration's health; an answer that only says no to this request (not
 * found, conflict, a request it rejects, a call it does not offer) does not: the provider answered.
 */
public enum ProviderCallOutcome {
    SUCCESS(false),
    REJECTED_REQUEST(false),
    NOT_FOUND(false),
    NOT_IMPLEMENTED(false),
    CONFLICT(false),
    PAYLOAD_TOO_LARGE(false),
    RATE_LIMITED(true),
    REFUSED_CREDENTIALS(true),
    PROVIDER_ERROR(true),
    TIMEOUT(true),
    UNREACHABLE(true),
    ANSWER_TOO_LARGE(true),
    OUTBOUND_REFUSED(true),
    /** The service gave the call up for a reason of its own side, such as a client that stopped sending an upload. */
    ABORTED(false);

    private final boolean failed;

    ProviderCallOutcome(boolean failed) {
        this.failed = failed;
    }

    /** Whether the call counts against the integration's health. */
    public boolean failed() {
        return failed;
    }

    /** The outcome as the API, the call log and the metrics spell it: {@code provider-error}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The outcome of a label, or null when it names none. */
    public static ProviderCallOutcome ofLabel(String label) {
        for (ProviderCallOutcome outcome : values()) {
            if (outcome.label().equals(label)) {
                return outcome;
            }
        }
        return null;
    }

    public static ProviderCallOutcome of(ProviderFailure failure) {
        return switch (failure.kind()) {
            case REJECTED_REQUEST -> REJECTED_REQUEST;
            case NOT_FOUND -> NOT_FOUND;
            case NOT_IMPLEMENTED -> NOT_IMPLEMENTED;
            case CONFLICT -> CONFLICT;
            case PAYLOAD_TOO_LARGE -> PAYLOAD_TOO_LARGE;
            case RATE_LIMITED -> RATE_LIMITED;
            case CREDENTIALS_REFUSED -> REFUSED_CREDENTIALS;
            case PROVIDER_ERROR -> PROVIDER_ERROR;
            case TIMEOUT -> TIMEOUT;
            case UNREACHABLE -> UNREACHABLE;
            case ANSWER_TOO_LARGE -> ANSWER_TOO_LARGE;
            case OUTBOUND_REFUSED -> OUTBOUND_REFUSED;
        };
    }
}
