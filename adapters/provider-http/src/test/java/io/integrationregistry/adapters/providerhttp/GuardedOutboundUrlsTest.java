package io.integrationregistry.adapters.providerhttp;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/** Registration-time judgement of provider URLs. */
class GuardedOutboundUrlsTest {

    private final GuardedOutboundUrls urls =
            new GuardedOutboundUrls(new OutboundGuard(OutboundPolicy.strict(), host -> {
                throw new UnknownHostException(host);
            }));

    @Test
    void a_public_https_url_passes_even_before_its_name_resolves() {
        assertThat(urls.refusal(URI.create("https://dms.example.com/api/v1"))).isEmpty();
    }

    @Test
    void a_url_the_service_must_not_call_is_refused_with_the_reason() {
        assertThat(urls.refusal(URI.create("https://169.254.169.254/latest/meta-data")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("not on the public internet"));
        assertThat(urls.refusal(URI.create("https://localhost/api")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("this machine"));
        assertThat(urls.refusal(URI.create("http://dms.example.com/api")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("only https"));
    }
}
