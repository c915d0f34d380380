package io.integrationregistry.application.audit.port.in;

/** What an audit entry records: one of the events, or a connection test (not an event: it changes nothing). */
public enum AuditEntryType {
    ADDED,
    EDITED,
    ACTIVATED,
    DEACTIVATED,
    TESTED
}
