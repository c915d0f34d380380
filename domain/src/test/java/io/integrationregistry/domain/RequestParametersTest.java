package io.integrationregistry.domain;

import org.junit.jupiter.api.Test;

import static io.integrationregistry.domain.Refusal.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

class RequestParametersTest {

    private static final String FIELD = "requestParameters";

    @Test
    void aLeadingQuestionMarkIsDropped() {
        assertThat(RequestParameters.of("?access_type=offline").value()).isEqualTo("access_type=offline");
    }

    @Test
    void missingOrBlankParametersAreNone() {
        assertThat(RequestParameters.of(null)).isEqualTo(RequestParameters.NONE);
        assertThat(RequestParameters.of("  ").isEmpty()).isTrue();
        assertThat(RequestParameters.NONE.pairs()).isEmpty();
    }

    @Test
    void pairsAreReadInOrder() {
        assertThat(RequestParameters.of("a=1&b=2").pairs())
                .containsExactly(new QueryParameter("a", "1"), new QueryParameter("b", "2"));
    }

    @Test
    void aNameWithoutEqualsSignHasAnEmptyValueAndOnlyTheFirstEqualsSignSplits() {
        assertThat(RequestParameters.of("flag&x=a=b").pairs())
                .containsExactly(new QueryParameter("flag", ""), new QueryParameter("x", "a=b"));
    }

    @Test
    void percentEncodingIsKeptAsTypedButDecodedInThePairs() {
        RequestParameters parameters = RequestParameters.of("scope=read%20write&name=J%C3%BCrgen&sum=1+1");

        assertThat(parameters.value()).isEqualTo("scope=read%20write&name=J%C3%BCrgen&sum=1+1");
        assertThat(parameters.pairs())
                .containsExactly(
                        new QueryParameter("scope", "read write"),
                        new QueryParameter("name", "J\u00FCrgen"),
                        new QueryParameter("sum", "1+1"));
    }

    @Test
    void anEmptyPairIsRefused() {
        assertRefused(FIELD, () -> RequestParameters.of("a=1&&b=2"));
        assertRefused(FIELD, () -> RequestParameters.of("a=1&"));
    }

    @Test
    void aPairWithoutANameIsRefused() {
        assertRefused(FIELD, () -> RequestParameters.of("=x"));
        assertRefused(FIELD, () -> RequestParameters.of("a=1&=x"));
    }

    @Test
    void anUnencodedSpaceIsRefused() {
        assertRefused(FIELD, () -> RequestParameters.of("scope=read write"));
    }

    @Test
    void anUnencodedHashIsRefused() {
        assertRefused(FIELD, () -> RequestParameters.of("tag=#1"));
    }

    @Test
    void aMalformedEscapeIsRefused() {
        assertRefused(FIELD, () -> RequestParameters.of("a=%zz"));
        assertRefused(FIELD, () -> RequestParameters.of("a=%2"));
    }

    @Test
    void anEscapeThatIsNotUtf8IsRefused() {
        assertRefused(FIELD, () -> RequestParameters.of("a=%ff"));
    }

    @Test
    void twoThousandCharactersAreAccepted() {
        String longest = "a=" + "x".repeat(RequestParameters.MAX_LENGTH - 2);

        assertThat(RequestParameters.of(longest).value()).hasSize(2_000);
    }

    @Test
    void moreThanTwoThousandCharactersAreRefused() {
        assertRefused(FIELD, () -> RequestParameters.of("a=" + "x".repeat(RequestParameters.MAX_LENGTH - 1)));
    }
}
