package io.integrationregistry.domain;

public enum IntegrationStatus {
    ACTIVE,
    INACTIVE
}
