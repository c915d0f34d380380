package io.integrationregistry.adapters.rest.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationregistry.adapters.rest.problem.InvalidRequest;
import io.integrationregistry.application.audit.port.in.AuditEntry;
import io.integrationregistry.application.audit.port.in.AuditPage;
import io.integrationregistry.application.audit.port.in.AuditQuery;
import io.integrationregistry.application.audit.port.in.ForAuditing;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The audit trail, the history of one integration, and exports; for administrators and auditors. */
@RestController
@Tag(name = "Audit", description = "Who changed what, when, from what to what")
class AuditRestController {

    private static final List<String> CSV_COLUMNS = List.of(
            "eventId",
            "integrationId",
            "integrationName",
            "company",
            "type",
            "actor",
            "at",
            "requestId",
            "source",
            "version",
            "changes",
            "test");

    private final ForAuditing auditing;
    private final ObjectMapper json;

    AuditRestController(ForAuditing auditing, ObjectMapper json) {
        this.auditing = auditing;
        this.json = json;
    }

    @GetMapping(path = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "The audit trail",
            description = "Newest first (`order=asc`: oldest first); `next` is the cursor of the next page "
                    + "(null on the last), to be sent with the same filters and order. Pages are stable under "
                    + "concurrent writes. `actor` matches any part of the name regardless of case; `source` and "
                    + "`requestId` match exactly.")
    AuditPageResource trail(
            Authentication authentication,
            Caller caller,
            @RequestParam(required = false) String integrationId,
            @RequestParam(required = false) String actor,
            @Parameter(schema = @Schema(allowableValues = {"ADDED", "EDITED", "ACTIVATED", "DEACTIVATED", "TESTED"}))
                    @RequestParam(required = false)
                    String type,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @Parameter(schema = @Schema(allowableValues = {"api", "ui", "system"})) @RequestParam(required = false)
                    String source,
            @Parameter(description = "The request id of the change, exactly") @RequestParam(required = false)
                    String requestId,
            @Parameter(
                            schema =
                                    @Schema(
                                            allowableValues = {"desc", "asc"},
                                            defaultValue = "desc"))
                    @RequestParam(required = false)
                    String order,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false, defaultValue = "50") String size) {
        Auditors.require(authentication);
        AuditPage page = auditing.trail(
                caller.company(),
                AuditFilters.query(integrationId, actor, type, from, to, source, requestId, order),
                Optional.ofNullable(cursor).filter(c -> !c.isBlank()),
                number("size", size));
        return new AuditPageResource(
                page.items().stream().map(AuditEntryResource::of).toList(),
                page.next().orElse(null));
    }

    @GetMapping("/api/audit/export")
    @Operation(
            summary = "Export the audit trail",
            description = "The same filters and order, streamed as CSV or NDJSON.")
    ResponseEntity<StreamingResponseBody> export(
            Authentication authentication,
            Caller caller,
            @RequestParam(required = false) String integrationId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String requestId,
            @RequestParam(required = false) String order,
            @Parameter(schema = @Schema(allowableValues = {"csv", "ndjson"}))
                    @RequestParam(required = false, defaultValue = "csv")
                    String format) {
        Auditors.require(authentication);
        AuditQuery query = AuditFilters.query(integrationId, actor, type, from, to, source, requestId, order);
        boolean csv = switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> true;
            case "ndjson" -> false;
            default -> throw InvalidRequest.of("format", "must be csv or ndjson");
        };
        String filename = "audit-" + caller.company().value().replaceAll("[^A-Za-z0-9_-]", "_") + "-"
                + LocalDate.now(ZoneOffset.UTC) + (csv ? ".csv" : ".ndjson");
        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            if (csv) {
                writer.write(String.join(",", CSV_COLUMNS) + "\r\n");
            }
            auditing.export(caller.company(), query, entry -> write(writer, entry, csv));
            writer.flush();
        };
        return ResponseEntity.ok()
                .contentType(
                        csv
                                ? new MediaType("text", "csv", StandardCharsets.UTF_8)
                                : new MediaType("application", "x-ndjson"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString())
                .body(body);
    }

    @GetMapping(path = "/api/integrations/{id}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "History of one integration",
            description =
                    "Its events straight from the event store, " + "oldest first; secrets only as {\"set\": true}.")
    HistoryResource history(
            Authentication authentication, Caller caller, @PathVariable("id") IntegrationId integrationId) {
        Auditors.require(authentication);
        List<RecordedEvent> history = auditing.history(caller.company(), integrationId);
        if (history.isEmpty()) {
            throw new IntegrationRuleViolation(
                    IntegrationRuleViolation.Rule.INTEGRATION_MUST_EXIST, integrationId.value());
        }
        return new HistoryResource(
                integrationId.value(),
                history.stream().map(HistoryEventResource::of).toList());
    }

    private void write(Writer writer, AuditEntry entry, boolean csv) {
        try {
            AuditEntryResource resource = AuditEntryResource.of(entry);
            if (!csv) {
                writer.write(json.writeValueAsString(resource));
                writer.write('\n');
                return;
            }
            // Arrays.asList: a test of values not yet saved has no integration id
            List<String> cells = java.util.Arrays.asList(
                    resource.eventId(),
                    resource.integrationId(),
                    resource.integrationName(),
                    resource.company(),
                    resource.type().name(),
                    String.valueOf(resource.actor()),
                    resource.at().toString(),
                    String.valueOf(resource.requestId()),
                    String.valueOf(resource.source()),
                    resource.version() == null ? "" : Long.toString(resource.version()),
                    json.writeValueAsString(resource.changes()),
                    resource.test() == null ? "" : json.writeValueAsString(resource.test()));
            writer.write(String.join(
                    ",", cells.stream().map(AuditRestController::csvCell).toList()));
            writer.write("\r\n");
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Quoted as RFC 4180 asks; a cell a spreadsheet would run as a formula is defused with a quote mark. */
    static String csvCell(String value) {
        String cell = value == null ? "" : value;
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            cell = "'" + cell;
        }
        return "\"" + cell.replace("\"", "\"\"") + "\"";
    }

    private static int number(String field, String raw) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException notANumber) {
            throw InvalidRequest.of(field, "must be a whole number");
        }
    }

    record AuditPageResource(List<AuditEntryResource> items, String next) {}

    record HistoryResource(String integrationId, List<HistoryEventResource> items) {}
}
