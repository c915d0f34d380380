package io.integrationregistry.application.connections.port.out;

import io.integrationregistry.domain.ClientId;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.WebUrl;

/** Who asks a token endpoint for tokens: the endpoint, and the client's id and secret. */
public record TokenClient(WebUrl tokenEndpointUrl, ClientId clientId, PlainSecret clientSecret) {}
