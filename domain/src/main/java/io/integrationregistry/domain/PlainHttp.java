package io.integrationregistry.domain;

/** Whether the application accepts provider URLs over plain HTTP (for local development only). */
public enum PlainHttp {
    ALLOWED,
    REFUSED
}
