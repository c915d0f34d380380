package io.integrationregistry.application.audit;

public enum AuditEntryType {
    ADDED,
    EDITED,
    ACTIVATED,
    DEACTIVATED
}
