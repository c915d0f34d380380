package io.integrationregistry.application.port.in;

import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.CompanyId;

import java.util.Objects;

/** Who asks: the signed-in user and the company they act for. */
public record Caller(Actor actor, CompanyId company) {

    public Caller {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(company, "company");
    }
}
