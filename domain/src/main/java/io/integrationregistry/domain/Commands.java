package io.integrationregistry.domain;

import java.time.Instant;

final class Commands {

    private Commands() {}

    static void requireCommon(IntegrationId integrationId, CompanyId companyId, Actor actor, Instant at) {
        Checks.present("id", integrationId);
        Checks.present("company", companyId);
        Checks.present("actor", actor);
        Checks.present("at", at);
    }
}
