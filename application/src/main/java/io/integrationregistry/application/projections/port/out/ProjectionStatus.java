package io.integrationregistry.application.projections.port.out;

/**
 * A projection's processor: whether it runs, whether it is rebuilding (replaying into a model beside the served
 * one, until that one is brought to it), how far it got (the position in
 * the event stream of the last event it handled, when known), how far behind the newest event it is, the error
 * that stops it if any, and how many events it could not apply and skipped (recorded, never retried for ever).
 */
public record ProjectionStatus(
        String name, boolean running, boolean replaying, Long position, Long lag, String error, long poisoned) {

    public ProjectionStatus(String name, boolean running, boolean replaying, Long position, Long lag, String error) {
        this(name, running, replaying, position, lag, error, 0);
    }

    public ProjectionStatus withPoisoned(long count) {
        return new ProjectionStatus(name, running, replaying, position, lag, error, count);
    }
}
