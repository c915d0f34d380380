package io.integrationregistry.application.integrations;

import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.integrations.port.in.PartialDraft;
import io.integrationregistry.application.integrations.port.out.ForJudgingOutboundUrls;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.InvalidValue;
import io.integrationregistry.domain.PlainHttp;
import io.integrationregistry.domain.WebUrl;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

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
        List<InvalidValue> refused = violations(PartialDraft.of(draft));
        if (!refused.isEmpty()) {
            throw refused.get(0);
        }
    }

    /**
     * Every URL the policy refuses among those a draft, complete or not, gives: the base URL, the
     * authentication URL and the token endpoint, in that order, each named once.
     */
    public List<InvalidValue> violations(PartialDraft draft) {
        List<InvalidValue> refused = new ArrayList<>();
        draft.baseApiUrl()
                .ifPresent(url -> judge(refused, () -> {
                    BaseApiUrl.of(url.value(), plainHttp);
                    requireCallable("baseApiUrl", url.value());
                }));
        draft.authenticationUrl()
                .ifPresent(url ->
                        judge(refused, () -> WebUrl.of("authentication.authenticationUrl", url.value(), plainHttp)));
        draft.tokenEndpointUrl()
                .ifPresent(url -> judge(refused, () -> {
                    WebUrl.of("authentication.tokenEndpointUrl", url.value(), plainHttp);
                    requireCallable("authentication.tokenEndpointUrl", url.value());
                }));
        return refused;
    }

    private static void judge(List<InvalidValue> refused, Runnable check) {
        try {
            check.run();
        } catch (InvalidValue invalid) {
            refused.add(invalid);
        }
    }

    private void requireCallable(String field, String url) {
        outbound.refusal(URI.create(url)).ifPresent(reason -> {
            throw new InvalidValue(field, "must be a provider the service may call: " + reason);
        });
    }
}
