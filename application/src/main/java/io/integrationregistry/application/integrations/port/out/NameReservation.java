package io.integrationregistry.application.integrations.port.out;

import io.integrationregistry.domain.IntegrationId;

import java.time.Instant;

/** The integration that holds a name within its company, since when. */
public record NameReservation(IntegrationId holder, Instant reservedAt) {}
