package io.integrationregistry.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static io.integrationregistry.domain.Refusal.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The URL of a provider endpoint is the base URL, '/', endpoint name, then the
 * integration's request parameters as stored and the call's parameters, so that a server reading the
 * query back gets exactly those parameters, in that order.
 */
class EndpointUrlPropertiesTest {

    /** Characters a query may carry unencoded besides the unreserved ones, '&' and '='. */
    private static final String LEGAL_AS_TYPED = "!$'()*+,;:@/?";

    @Example
    void theMissionExampleGivesExactlyTheDocumentedUrl() {
        Integration integration = integrationWith(
                new BaseApiUrl("https://www.mycompany.com/api/v1"), RequestParameters.of("access_type=offline"));

        URI url = integration.endpointUrl("metadata", List.of(new QueryParameter("id", "1234")));

        assertThat(url.toString()).isEqualTo("https://www.mycompany.com/api/v1/metadata?access_type=offline&id=1234");
    }

    @Example
    void theRootFolderIdIsPercentEncoded() {
        URI url = EndpointUrl.compose(
                new BaseApiUrl("https://www.mycompany.com/api/v1"),
                RequestParameters.NONE,
                "metadata",
                List.of(new QueryParameter("id", "/")));

        assertThat(url.toString()).isEqualTo("https://www.mycompany.com/api/v1/metadata?id=%2F");
    }

    @Example
    void everyCallParameterCharacterButTheUnreservedOnesIsPercentEncodedSoThatNoServerMisreadsIt() {
        URI url = EndpointUrl.compose(
                new BaseApiUrl("https://www.mycompany.com/api/v1"),
                RequestParameters.NONE,
                "search",
                List.of(new QueryParameter("query", "a+b c/?&=#%\u00e9-._~")));

        assertThat(url.getRawQuery()).isEqualTo("query=a%2Bb%20c%2F%3F%26%3D%23%25%C3%A9-._~");
    }

    @Example
    void aCallParameterWithAnUnpairedSurrogateIsRefusedRatherThanSentAsAQuestionMark() {
        assertRefused("parameter", () -> new QueryParameter("query", "broken\ud800"));
    }

    @Example
    void withoutAnyParameterThereIsNoQuestionMark() {
        URI url = EndpointUrl.compose(
                new BaseApiUrl("https://www.mycompany.com/api/v1/"), RequestParameters.NONE, "serviceInfo", List.of());

        assertThat(url.toString()).isEqualTo("https://www.mycompany.com/api/v1/serviceInfo");
    }

    @Example
    void anInvalidEndpointNameIsRefused() {
        BaseApiUrl base = new BaseApiUrl("https://www.mycompany.com/api/v1");
        for (String invalid : new String[] {
            "", "meta/data", "../admin", "1files", "files?x=1", "métadata", "upload init", "x".repeat(65)
        }) {
            assertRefused("endpoint", () -> EndpointUrl.compose(base, RequestParameters.NONE, invalid, List.of()));
        }
        assertRefused("endpoint", () -> EndpointUrl.compose(base, RequestParameters.NONE, null, List.of()));
    }

    @Property
    void theQueryReadBackIsTheRequestParametersThenTheCallParametersInOrder(
            @ForAll("bases") BaseApiUrl base,
            @ForAll("parameterLists") List<QueryParameter> requested,
            @ForAll boolean leaveLegalCharactersUnencoded,
            @ForAll("endpoints") String endpoint,
            @ForAll("parameterLists") List<QueryParameter> callParameters) {
        RequestParameters requestParameters = RequestParameters.of(typed(requested, leaveLegalCharactersUnencoded));

        URI url = integrationWith(base, requestParameters).endpointUrl(endpoint, callParameters);

        List<QueryParameter> expected = new ArrayList<>(requestParameters.pairs());
        expected.addAll(callParameters);
        assertThat(readBack(url)).containsExactlyElementsOf(expected);
        assertThat(url).isEqualTo(EndpointUrl.compose(base, requestParameters, endpoint, callParameters));
    }

    @Property
    void requestParametersTypedByAnAdministratorDecodeToWhatWasMeant(
            @ForAll("parameterLists") List<QueryParameter> requested, @ForAll boolean leaveLegalCharactersUnencoded) {
        RequestParameters requestParameters = RequestParameters.of(typed(requested, leaveLegalCharactersUnencoded));

        assertThat(requestParameters.pairs()).containsExactlyElementsOf(requested);
    }

    @Property
    void thePathIsTheBaseUrlASlashAndTheEndpointAndAQueryOnlyWhenThereAreParameters(
            @ForAll("bases") BaseApiUrl base,
            @ForAll("parameterLists") List<QueryParameter> requested,
            @ForAll("endpoints") String endpoint,
            @ForAll("parameterLists") List<QueryParameter> callParameters) {
        URI url = EndpointUrl.compose(base, RequestParameters.of(typed(requested, false)), endpoint, callParameters);

        String text = url.toString();
        String path = base.value() + "/" + endpoint;
        if (requested.isEmpty() && callParameters.isEmpty()) {
            assertThat(text).isEqualTo(path).doesNotContain("?");
            assertThat(url.getRawQuery()).isNull();
        } else {
            assertThat(text).isEqualTo(path + "?" + url.getRawQuery());
        }
    }

    // ---- generators

    @Provide
    Arbitrary<BaseApiUrl> bases() {
        return Arbitraries.of(
                        "https://www.mycompany.com/api/v1",
                        "https://dms.example:8443",
                        "https://files.example/a%20b/c/",
                        "http://localhost:8080/webhooks")
                .map(BaseApiUrl::new);
    }

    @Provide
    Arbitrary<String> endpoints() {
        Arbitrary<String> generated = Combinators.combine(
                        Arbitraries.chars().alpha(),
                        Arbitraries.strings().alpha().numeric().ofMaxLength(63))
                .as((first, rest) -> first + rest);
        return Arbitraries.oneOf(generated, Arbitraries.of("metadata", "files", "search", "uploadInit"));
    }

    @Provide
    Arbitrary<List<QueryParameter>> parameterLists() {
        Arbitrary<QueryParameter> parameter =
                Combinators.combine(texts(1), texts(0)).as(QueryParameter::new);
        return parameter.list().ofMaxSize(5);
    }

    /** Text mixing the characters a query treats specially with ASCII and any other Unicode character. */
    private static Arbitrary<String> texts(int minPieces) {
        Arbitrary<String> special = Arbitraries.of("&", "=", "+", "%", "#", "/", "?", " ", "%20", "%zz", ";", "@");
        Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(3);
        Arbitrary<String> anyCodePoint = Arbitraries.integers()
                .between(0, Character.MAX_CODE_POINT)
                .filter(codePoint -> codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE)
                .map(Character::toString);
        return Arbitraries.frequencyOf(Tuple.of(3, special), Tuple.of(3, ascii), Tuple.of(2, anyCodePoint))
                .list()
                .ofMinSize(minPieces)
                .ofMaxSize(8)
                .map(pieces -> String.join("", pieces));
    }

    // ---- how an administrator types parameters, and how a server reads a query back

    private static String typed(List<QueryParameter> parameters, boolean leaveLegalCharactersUnencoded) {
        String typed = parameters.stream()
                .map(parameter -> encode(parameter.name(), leaveLegalCharactersUnencoded, false) + "="
                        + encode(parameter.value(), leaveLegalCharactersUnencoded, true))
                .collect(Collectors.joining("&"));
        // A leading '?' is taken as the start of a query and dropped, so a name starting with one is typed encoded.
        return typed.startsWith("?") ? "%3F" + typed.substring(1) : typed;
    }

    private static String encode(String text, boolean leaveLegalCharactersUnencoded, boolean isValue) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean unreserved = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || "-._~".indexOf(c) >= 0;
            boolean legal = leaveLegalCharactersUnencoded && (LEGAL_AS_TYPED.indexOf(c) >= 0 || (isValue && c == '='));
            if (unreserved || legal) {
                out.append(c);
            } else {
                out.append(String.format("%%%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    private static List<QueryParameter> readBack(URI url) {
        String query = url.getRawQuery();
        if (query == null) {
            return List.of();
        }
        List<QueryParameter> parameters = new ArrayList<>();
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.add(new QueryParameter(percentDecode(name), percentDecode(value)));
        }
        return parameters;
    }

    /** RFC 3986 decoding: unlike URLDecoder, '+' stays a plus sign. */
    private static String percentDecode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Integration integrationWith(BaseApiUrl base, RequestParameters requestParameters) {
        return new Integration(
                Examples.ID,
                Examples.COMPANY,
                Examples.NAME,
                base,
                requestParameters,
                new Authentication.ApiKey(Examples.API_KEY),
                true,
                null,
                Examples.ADDED_AT,
                Examples.ADDED_AT);
    }
}
