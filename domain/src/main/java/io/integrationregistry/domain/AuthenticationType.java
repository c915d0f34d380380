package io.integrationregistry.domain;

public enum AuthenticationType {
    OAUTH2,
    API_KEY
}
