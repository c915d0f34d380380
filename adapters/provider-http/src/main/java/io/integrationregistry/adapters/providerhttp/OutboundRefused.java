package io.integrationregistry.adapters.providerhttp;

/**
 * An outbound request the guard will not let through, and why, in words fit for the caller. A host
 * that does not resolve at all is refused too, but marked, so that a caller can report it as
 * unreachable rather than as forbidden.
 */
public final class OutboundRefused extends RuntimeException {

    private final boolean hostDoesNotResolve;

    public OutboundRefused(String reason) {
        this(reason, false);
    }

    private OutboundRefused(String reason, boolean hostDoesNotResolve) {
        super(reason);
        this.hostDoesNotResolve = hostDoesNotResolve;
    }

    static OutboundRefused doesNotResolve(String host) {
        return new OutboundRefused("the host " + host + " does not resolve", true);
    }

    /** True when the host has no address at all, as opposed to an address the guard forbids. */
    public boolean hostDoesNotResolve() {
        return hostDoesNotResolve;
    }
}
