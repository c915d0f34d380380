package io.integrationregistry.adapters.providerhttp;

/** An outbound request the guard will not let through, and why, in words fit for the caller. */
public final class OutboundRefused extends RuntimeException {

    public OutboundRefused(String reason) {
        super(reason);
    }
}
