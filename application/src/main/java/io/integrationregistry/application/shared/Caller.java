package io.integrationregistry.application.shared;

import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.CompanyId;

import java.util.Objects;

/** Who asks: the signed-in user, the company they act for, and the request they ask in. */
public record Caller(Actor actor, CompanyId company, Origin origin) {

    public Caller {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(company, "company");
        origin = origin == null ? Origin.generated(Origin.Source.API) : origin;
    }

    public Caller(Actor actor, CompanyId company) {
        this(actor, company, null);
    }

    public Caller within(Origin requestOrigin) {
        return new Caller(actor, company, requestOrigin);
    }
}
