package io.integrationregistry.adapters.providerhttp;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the operator allows beyond the public internet: plain {@code http}, and private hosts (names,
 * addresses or CIDR ranges) for providers that run on the company's own network.
 */
public record OutboundPolicy(boolean allowPlainHttp, Set<String> allowedHostNames, List<IPAddress> allowedRanges) {

    public OutboundPolicy {
        allowedHostNames = Set.copyOf(allowedHostNames);
        allowedRanges = List.copyOf(allowedRanges);
    }

    public static OutboundPolicy strict() {
        return new OutboundPolicy(false, Set.of(), List.of());
    }

    /** @param allowedPrivateHosts comma-separated names, addresses or CIDRs, as configured */
    public static OutboundPolicy of(boolean allowPlainHttp, String allowedPrivateHosts) {
        Set<String> names = new HashSet<>();
        List<IPAddress> ranges = new ArrayList<>();
        if (allowedPrivateHosts != null) {
            for (String entry : allowedPrivateHosts.split(",")) {
                String value = entry.strip();
                if (value.isEmpty()) {
                    continue;
                }
                IPAddress range = new IPAddressString(value).getAddress();
                if (range != null) {
                    ranges.add(range);
                } else {
                    names.add(Hosts.normalise(value));
                }
            }
        }
        return new OutboundPolicy(allowPlainHttp, names, ranges);
    }

    boolean allowsName(String host) {
        return allowedHostNames.contains(host.toLowerCase(Locale.ROOT));
    }

    boolean allowsAddress(IPAddress address) {
        return allowedRanges.stream().anyMatch(range -> range.contains(address));
    }
}
