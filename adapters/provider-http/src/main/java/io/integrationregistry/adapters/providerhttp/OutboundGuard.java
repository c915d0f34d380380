package io.integrationregistry.adapters.providerhttp;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps the service from being used to reach its own network (server-side request forgery): only
 * {@code https} (or {@code http} where allowed), and no address that is not on the public internet —
 * loopback, private, link-local, unique-local, multicast, unspecified, carrier-grade NAT, reserved,
 * cloud metadata — in any spelling of it (decimal, octal, hex, shortened IPv4; IPv4 inside IPv6),
 * unless the operator allowed that host. {@link #admit} answers the checked addresses, so that the
 * caller connects to exactly those and a second lookup cannot rebind the name.
 */
public final class OutboundGuard {

    private static final List<IPAddress> NOT_PUBLIC = ranges(
            "0.0.0.0/8",
            "10.0.0.0/8",
            "100.64.0.0/10",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "172.16.0.0/12",
            "192.0.0.0/24",
            "192.0.2.0/24",
            "192.88.99.0/24",
            "192.168.0.0/16",
            "198.18.0.0/15",
            "198.51.100.0/24",
            "203.0.113.0/24",
            "224.0.0.0/4",
            "240.0.0.0/4",
            "100.100.100.200/32",
            "::/128",
            "::1/128",
            "100::/64",
            "2001:db8::/32",
            "fc00::/7",
            "fe80::/10",
            "fec0::/10",
            "ff00::/8");
    private static final IPAddress SIX_TO_FOUR = new IPAddressString("2002::/16").getAddress();
    private static final IPAddress NAT64 = new IPAddressString("64:ff9b::/96").getAddress();
    private static final IPAddress IPV4_COMPATIBLE = new IPAddressString("::/96").getAddress();
    private static final Set<String> LOCAL_NAMES = Set.of(
            "localhost",
            "localhost.localdomain",
            "ip6-localhost",
            "ip6-loopback",
            "metadata",
            "metadata.google.internal",
            "instance-data",
            "instance-data.ec2.internal");

    private final OutboundPolicy policy;
    private final HostResolver resolver;

    public OutboundGuard(OutboundPolicy policy, HostResolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /**
     * What can be judged without the network, as at registration: the scheme, and hosts that are local
     * names or literal addresses. A name that does not resolve (yet) passes; it is checked when called.
     */
    public void judge(URI url) {
        String host = hostOf(url);
        if (policy.allowsName(host)) {
            return;
        }
        if (LOCAL_NAMES.contains(host) || host.endsWith(".localhost")) {
            throw new OutboundRefused("the host " + host + " is this machine or its cloud's metadata service");
        }
        IPAddress literal = literal(host);
        if (literal != null) {
            requirePublic(host, literal);
        }
    }

    /** Everything {@link #judge} checks, then the addresses the host resolves to; answers them. */
    public List<InetAddress> admit(URI url) {
        judge(url);
        String host = hostOf(url);
        IPAddress literal = literal(host);
        InetAddress[] addresses;
        try {
            // A literal address is used as written: no resolver gets to reinterpret it.
            addresses = literal != null ? new InetAddress[] {literal.toInetAddress()} : resolver.resolve(host);
        } catch (UnknownHostException unknown) {
            throw OutboundRefused.doesNotResolve(host);
        }
        if (addresses.length == 0) {
            throw OutboundRefused.doesNotResolve(host);
        }
        if (!policy.allowsName(host)) {
            for (InetAddress address : addresses) {
                requirePublic(host, new IPAddressString(address.getHostAddress()).getAddress());
            }
        }
        return List.of(addresses);
    }

    private String hostOf(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && policy.allowPlainHttp())) {
            throw new OutboundRefused("only https is allowed");
        }
        if (url.getRawUserInfo() != null) {
            throw new OutboundRefused("credentials in the URL are not allowed");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw new OutboundRefused("the URL names no host");
        }
        return Hosts.normalise(url.getHost());
    }

    private void requirePublic(String host, IPAddress address) {
        if (address == null) {
            throw new OutboundRefused("the host " + host + " has an address that cannot be read");
        }
        if (policy.allowsAddress(address)) {
            return;
        }
        for (IPAddress inside : withEmbedded(address)) {
            if (NOT_PUBLIC.stream().anyMatch(range -> range.contains(inside))) {
                throw new OutboundRefused("the host " + host + " is not on the public internet");
            }
        }
    }

    /** The address, and any IPv4 address an IPv6 one carries (mapped, compatible, 6to4, NAT64). */
    private static List<IPAddress> withEmbedded(IPAddress address) {
        if (!(address instanceof IPv6Address ipv6)) {
            return List.of(address);
        }
        if (ipv6.isIPv4Convertible()) {
            return List.of(address, ipv6.toIPv4());
        }
        byte[] bytes = ipv6.getBytes();
        if (SIX_TO_FOUR.contains(ipv6)) {
            return List.of(address, new IPv4Address(new byte[] {bytes[2], bytes[3], bytes[4], bytes[5]}));
        }
        if (NAT64.contains(ipv6) || IPV4_COMPATIBLE.contains(ipv6)) {
            return List.of(address, new IPv4Address(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
        }
        return List.of(address);
    }

    /** The host as an IP address if it is one in any spelling, else null. */
    private static IPAddress literal(String host) {
        IPAddressString parsed = new IPAddressString(host);
        return parsed.isIPAddress() ? parsed.getAddress() : null;
    }

    private static List<IPAddress> ranges(String... cidrs) {
        return java.util.Arrays.stream(cidrs)
                .map(cidr -> new IPAddressString(cidr).getAddress())
                .toList();
    }
}
