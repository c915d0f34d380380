package io.integrationregistry.domain;

/** A command refused by a rule of the Integration aggregate; {@link #rule()} names the rule. */
public final class IntegrationRuleViolation extends RuntimeException {

    /** The rules a command can break. */
    public enum Rule {
        INTEGRATION_MUST_EXIST("the integration does not exist"),
        INTEGRATION_ID_MUST_BE_NEW("an integration with this id already exists"),
        INTEGRATION_BELONGS_TO_ITS_COMPANY("the integration belongs to another company"),
        NEW_AUTHENTICATION_NEEDS_ITS_SECRET("a secret is required when an authentication type is first chosen"),
        SECRET_BOUND_TO_ORIGIN("a stored secret is sent only to the origin it was saved for; give it again to "
                + "send it to another origin");

        private final String description;

        Rule(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Rule rule;
    private final String detail;

    public IntegrationRuleViolation(Rule rule, String detail) {
        super(rule.description() + ": " + detail);
        this.rule = rule;
        this.detail = detail;
    }

    public Rule rule() {
        return rule;
    }

    /** What the rule was broken for: the integration id, or the field that is missing. */
    public String detail() {
        return detail;
    }
}
