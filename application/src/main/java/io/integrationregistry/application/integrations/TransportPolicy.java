package io.integrationregistry.application.integrations;

import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.integrations.port.out.ForJudgingOutboundUrls;
import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.InvalidValue;
import io.integrationregistry.domain.PlainHttp;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.WebUrl;

import java.net.URI;

/**
 * Which provider URLs an integration may be given now: plain http only where it is allowed, and, for
 * the URLs the service itself will call (the base URL and the token endpoint), no address of this
 * machine, its network or its cloud's metadata service, as far as that can be judged without calling
 * them. The authentication URL is opened by the user's browser, not by the service: only its scheme
 * counts. Stored values predate the policy in force, so it judges values given now only.
 */
public final class TransportPolicy {

    private final PlainHttp plainHttp;
    private final ForJudgingOutboundUrls outbound;

    public TransportPolicy(PlainHttp plainHttp, ForJudgingOutboundUrls outbound) {
        this.plainHttp = plainHttp;
        this.outbound = outbound;
    }

    /** @throws InvalidValue naming the first URL of the draft the policy refuses */
    public void requireAcceptable(IntegrationDraft draft) {
        BaseApiUrl.of(draft.baseApiUrl().value(), plainHttp);
        requireCallable("baseApiUrl", draft.baseApiUrl().value());
        if (draft.authentication() instanceof AuthenticationSpec.OAuth2Spec<PlainSecret> oauth2) {
            WebUrl.of(
                    "authentication.authenticationUrl",
                    oauth2.authenticationUrl().value(),
                    plainHttp);
            WebUrl.of(
                    "authentication.tokenEndpointUrl", oauth2.tokenEndpointUrl().value(), plainHttp);
            requireCallable(
                    "authentication.tokenEndpointUrl", oauth2.tokenEndpointUrl().value());
        }
    }

    private void requireCallable(String field, String url) {
        outbound.refusal(URI.create(url)).ifPresent(reason -> {
            throw new InvalidValue(field, "must be a provider the service may call: " + reason);
        });
    }
}
