package io.integrationregistry.application.documents.port.in;

/** How an integration's provider has been answering lately; see {@code IntegrationHealth} for the rule. */
public enum Health {
    /** No call in the last 15 minutes. */
    UNKNOWN,
    HEALTHY,
    /** The last call failed, or at least a fifth of the window's calls did. */
    DEGRADED,
    /** The last five calls all failed, or at least half of ten or more did. */
    FAILING
}
