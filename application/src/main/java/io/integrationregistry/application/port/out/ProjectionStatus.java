package io.integrationregistry.application.port.out;

/**
 * A projection's processor: whether it runs, whether it is rebuilding (replaying into a model beside the served
 * one, until that one is brought to it), how far it got (the position in
 * the event stream of the last event it handled, when known) and how far behind the newest event it is.
 */
public record ProjectionStatus(String name, boolean running, boolean replaying, Long position, Long lag,
                               String error) {
}
