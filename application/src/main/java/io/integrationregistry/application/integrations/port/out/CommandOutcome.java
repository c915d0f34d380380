package io.integrationregistry.application.integrations.port.out;

/** The integration's version after a command, and whether the command appended any event. */
public record CommandOutcome(long version, boolean changed) {}
