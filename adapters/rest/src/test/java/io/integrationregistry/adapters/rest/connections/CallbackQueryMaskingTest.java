package io.integrationregistry.adapters.rest.connections;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackQueryMaskingTest {

    @Test
    void the_callback_query_string_hides_the_code_and_the_state_but_shows_an_error() {
        assertThat(CallbackQueryMasking.masked("code=the-code&state=the-state"))
                .isEqualTo("code=(hidden)&state=(hidden)");
        assertThat(CallbackQueryMasking.masked("error=access_denied&error_description=no%20thanks&state=s"))
                .isEqualTo("error=access_denied&error_description=no%20thanks&state=(hidden)");
        assertThat(CallbackQueryMasking.masked("the-code&%63ode=x")).isEqualTo("(hidden)&%63ode=(hidden)");
    }

    @Test
    void past_the_filter_the_parameters_keep_their_values_and_only_the_query_string_is_masked() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/callback/some-id");
        request.setQueryString("code=the-code&state=the-state");
        request.addParameter("code", "the-code");
        request.addParameter("state", "the-state");
        MockFilterChain chain = new MockFilterChain();

        new CallbackQueryMasking().doFilter(request, new MockHttpServletResponse(), chain);

        HttpServletRequest passed = (HttpServletRequest) chain.getRequest();
        assertThat(passed.getQueryString()).isEqualTo("code=(hidden)&state=(hidden)");
        assertThat(passed.getParameter("code")).isEqualTo("the-code");
        assertThat(passed.getParameter("state")).isEqualTo("the-state");
    }

    @Test
    void other_requests_pass_untouched() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/integrations");
        request.setQueryString("q=code");
        MockFilterChain chain = new MockFilterChain();

        new CallbackQueryMasking().doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }
}
