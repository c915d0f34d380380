package io.integrationregistry.domain;

/** The state a decision is taken on: nothing registered yet, or a registered integration. */
public sealed interface IntegrationState permits IntegrationState.Unregistered, Integration {

    Unregistered UNREGISTERED = new Unregistered();

    record Unregistered() implements IntegrationState {}
}
