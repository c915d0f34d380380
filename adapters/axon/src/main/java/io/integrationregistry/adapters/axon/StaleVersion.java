package io.integrationregistry.adapters.axon;

/** The command was given for a version of the integration that is no longer its current one. */
final class StaleVersion extends RuntimeException {

    StaleVersion(String integrationId, long expected, long current) {
        super("integration " + integrationId + " is at version " + current + ", not " + expected);
    }
}
