package io.integrationregistry.application.integrations.port.in;

import java.util.List;

public record IntegrationPage(List<IntegrationView> items, int page, int size, long total) {

    public IntegrationPage {
        items = List.copyOf(items);
    }
}
