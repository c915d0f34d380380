package io.integrationregistry.adapters.providerhttp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard against server-side request forgery, attack by attack. */
class OutboundGuardTest {

    /** A resolver with fixed answers, so that names can point anywhere an attacker would point them. */
    private static final Map<String, String[]> DNS = Map.of(
            "docs.example.com", new String[] {"93.184.216.34"},
            "rebind.attacker.example", new String[] {"127.0.0.1"},
            "internal.attacker.example", new String[] {"10.1.2.3"},
            "mixed.attacker.example", new String[] {"93.184.216.34", "192.168.1.10"},
            "metadata.attacker.example", new String[] {"169.254.169.254"},
            "v6loop.attacker.example", new String[] {"::1"},
            "dms.corp.example", new String[] {"10.20.30.40"});

    private static final HostResolver RESOLVER = host -> {
        String[] addresses = DNS.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] resolved = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            resolved[i] = InetAddress.getByName(addresses[i]);
        }
        return resolved;
    };

    private final OutboundGuard strict = new OutboundGuard(OutboundPolicy.strict(), RESOLVER);

    @ParameterizedTest(name = "refused: {0}")
    @ValueSource(
            strings = {
                "https://127.0.0.1/api",
                "https://127.1/api",
                "https://2130706433/api",
                "https://0x7f000001/api",
                "https://0x7f.0.0.1/api",
                "https://017700000001/api",
                "https://0177.0.0.1/api",
                "https://localhost/api",
                "https://LOCALHOST./api",
                "https://api.localhost/api",
                "https://[::1]/api",
                "https://[0:0:0:0:0:0:0:1]/api",
                "https://[::ffff:127.0.0.1]/api",
                "https://[::ffff:7f00:1]/api",
                "https://[::127.0.0.1]/api",
                "https://[2002:7f00:1::]/api",
                "https://[64:ff9b::a9fe:a9fe]/api",
                "https://169.254.169.254/latest/meta-data/",
                "https://[fd00:ec2::254]/latest/meta-data/",
                "https://metadata.google.internal/computeMetadata/v1/",
                "https://100.100.100.200/latest/meta-data/",
                "https://10.0.0.1/api",
                "https://172.16.5.4/api",
                "https://192.168.0.1/api",
                "https://100.64.0.1/api",
                "https://0.0.0.0/api",
                "https://[::]/api",
                "https://224.0.0.1/api",
                "https://[ff02::1]/api",
                "https://[fe80::1]/api",
                "https://[fc00::1]/api",
                "https://255.255.255.255/api",
                "https://240.0.0.1/api",
                "https://rebind.attacker.example/api",
                "https://internal.attacker.example/api",
                "https://mixed.attacker.example/api",
                "https://metadata.attacker.example/api",
                "https://v6loop.attacker.example/api",
                "http://docs.example.com/api",
                "ftp://docs.example.com/api",
                "file:///etc/passwd",
                "gopher://docs.example.com/",
                "https://user:pass@docs.example.com/api",
                "https://does-not-resolve.example/api"
            })
    void attack_urls_are_refused(String url) {
        assertThatThrownBy(() -> strict.admit(URI.create(url))).isInstanceOf(OutboundRefused.class);
    }

    @Test
    void a_public_host_is_admitted_with_exactly_the_addresses_that_were_checked() throws Exception {
        assertThat(strict.admit(URI.create("https://docs.example.com/api/v1")))
                .containsExactly(InetAddress.getByName("93.184.216.34"));
    }

    @Test
    void at_registration_a_name_that_does_not_resolve_yet_passes_but_a_literal_private_address_does_not() {
        assertThatNoException().isThrownBy(() -> strict.judge(URI.create("https://not-yet.example/api")));
        assertThatThrownBy(() -> strict.judge(URI.create("https://0x7f.1/api"))).isInstanceOf(OutboundRefused.class);
        assertThatThrownBy(() -> strict.judge(URI.create("https://localhost:8443/api")))
                .isInstanceOf(OutboundRefused.class);
    }

    @Test
    void plain_http_passes_only_where_the_operator_allowed_it() {
        OutboundGuard allowing = new OutboundGuard(OutboundPolicy.of(true, ""), RESOLVER);

        assertThat(allowing.admit(URI.create("http://docs.example.com/api"))).hasSize(1);
        assertThatThrownBy(() -> allowing.admit(URI.create("http://127.0.0.1/api")))
                .isInstanceOf(OutboundRefused.class);
    }

    @Test
    void allowed_private_hosts_let_on_premise_providers_through_by_name_address_or_range() {
        OutboundGuard onPremise =
                new OutboundGuard(OutboundPolicy.of(false, "dms.corp.example, 192.168.7.7, 172.20.0.0/16"), RESOLVER);

        assertThat(onPremise.admit(URI.create("https://dms.corp.example/api"))).hasSize(1);
        assertThatNoException().isThrownBy(() -> onPremise.admit(URI.create("https://192.168.7.7/api")));
        assertThatNoException().isThrownBy(() -> onPremise.admit(URI.create("https://172.20.3.4/api")));
        assertThatThrownBy(() -> onPremise.admit(URI.create("https://192.168.7.8/api")))
                .isInstanceOf(OutboundRefused.class);
        assertThatThrownBy(() -> onPremise.admit(URI.create("https://internal.attacker.example/api")))
                .isInstanceOf(OutboundRefused.class);
    }

    @Test
    void a_refusal_says_why_without_echoing_credentials() {
        assertThatThrownBy(() -> strict.admit(URI.create("https://user:s3cret@docs.example.com/")))
                .hasMessageNotContaining("s3cret");
    }
}
