package io.integrationregistry.adapters.rest.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MockMvc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** No user and no JWT issuer configured: the embedded default's generated admin. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = SecurityTestApp.App.class, properties = "test.context=generated-admin")
@AutoConfigureMockMvc
class GeneratedAdminTest {

    private static final Pattern GENERATED = Pattern.compile(
            "Using generated security password for the user 'admin' \\(role INTEGRATION_ADMIN, company 'default'\\): (\\S+)");
    private static final Pattern GENERATED_OPERATOR = Pattern.compile(
            "Using generated security password for the user 'operator' \\(role OPERATOR, no company\\): (\\S+)");

    @Autowired
    MockMvc mvc;

    @Test
    void the_generated_password_is_logged_once_and_signs_in_the_admin_of_company_default(CapturedOutput output)
            throws Exception {
        Matcher matcher = GENERATED.matcher(output.getAll());
        assertThat(matcher.find()).as("the generated password is logged").isTrue();
        String password = matcher.group(1);
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(output.getAll().split(Pattern.quote(password), -1))
                .as("logged exactly once")
                .hasSize(2);

        mvc.perform(get("/api/probe").with(httpBasic("admin", password)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.actor").value("admin"))
                .andExpect(jsonPath("$.company").value("default"));
        mvc.perform(post("/api/probe").with(httpBasic("admin", password))).andExpect(status().isOk());
        mvc.perform(get("/actuator/metrics").with(httpBasic("admin", password))).andExpect(status().isForbidden());
        mvc.perform(get("/api/probe").with(httpBasic("admin", password + "x"))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/probe").with(httpBasic("user", password))).andExpect(status().isUnauthorized());
        // the log carries the password only, never in the responses or anywhere else
        assertThat(output.getAll()).doesNotContain("{noop}" + password);
    }

    @Test
    void an_operator_is_generated_beside_the_admin_with_its_own_password(CapturedOutput output) throws Exception {
        Matcher admin = GENERATED.matcher(output.getAll());
        Matcher operator = GENERATED_OPERATOR.matcher(output.getAll());
        assertThat(admin.find()).isTrue();
        assertThat(operator.find())
                .as("the operator's generated password is logged")
                .isTrue();
        String password = operator.group(1);
        assertThat(password).hasSizeGreaterThanOrEqualTo(20).isNotEqualTo(admin.group(1));
        assertThat(output.getAll().split(Pattern.quote(password), -1))
                .as("logged exactly once")
                .hasSize(2);

        mvc.perform(get("/actuator/metrics").with(httpBasic("operator", password)))
                .andExpect(status().isOk());
        mvc.perform(post("/api/admin/probe").with(httpBasic("operator", password)))
                .andExpect(status().isOk());
        mvc.perform(get("/api/probe").with(httpBasic("operator", password))).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/metrics").with(httpBasic("operator", admin.group(1))))
                .andExpect(status().isUnauthorized());
    }
}
