package io.integrationregistry.adapters.providerhttp;

import org.apache.hc.client5.http.DnsResolver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The only name lookup the HTTP client makes: it asks the guard, which resolves the host once, checks
 * every address and hands back exactly those. The connection goes to a checked address, so a name that
 * answers differently the second time (DNS rebinding) gains nothing; TLS still verifies the host name,
 * since the client keeps the name for the handshake.
 */
final class GuardedDnsResolver implements DnsResolver {

    private final OutboundGuard guard;

    GuardedDnsResolver(OutboundGuard guard) {
        this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        URI probe;
        try {
            // The scheme was judged with the request's URL; here only the host is in question.
            probe = new URI("https", null, host, -1, "/", null, null);
        } catch (URISyntaxException unreadable) {
            throw new UnknownHostException("the host name cannot be read");
        }
        try {
            return guard.admit(probe).toArray(InetAddress[]::new);
        } catch (OutboundRefused refused) {
            if (refused.hostDoesNotResolve()) {
                throw new UnknownHostException(refused.getMessage());
            }
            throw new RefusedAddress(refused);
        }
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host))
                .map(address -> new InetSocketAddress(address, port))
                .toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    /**
     * The guard's refusal, carried through the HTTP client as the kind of failure it expects from a
     * resolver, so that the client gives up at once and the refusal reaches the caller as such.
     */
    static final class RefusedAddress extends UnknownHostException {

        private final transient OutboundRefused refusal;

        RefusedAddress(OutboundRefused refusal) {
            super(refusal.getMessage());
            this.refusal = refusal;
        }

        OutboundRefused refusal() {
            return refusal;
        }
    }
}
