package com.journeycoach.statistics.insights;

import com.journeycoach.content.Catalog;
import com.journeycoach.messaging.PhraseOdds;
import com.journeycoach.messaging.PhraseReport;
import com.journeycoach.messaging.SuggestedMessages;
import com.journeycoach.people.Audience;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;

/**
 * {@code GET .../messaging} (JSON): the phrases before an outcome, as {@code GET /api/messaging/phrases} reports them
 * ({@link PhraseReport}, its support threshold included), and per asset its suggested messages with their rates
 * ({@link SuggestedMessages#measured}); as CSV {@code .../messaging/csv} (the phrases, raising then lowering) and
 * {@code .../messaging/messages/csv}. Optional {@code outcome} (INTEREST, INTENT, CONVERSION), {@code assetId},
 * {@code segment} (an audience), {@code source} (NOTES, MESSAGES, ALL) and {@code limit} (1 to 200), as the API takes
 * them. Only {@code managers} and {@code camunda-admin}; bad parameters get a 400 problem naming the parameter.
 */
public class MessagingResource extends AbstractCockpitPluginResource {

  static final String OUTCOME = "outcome";
  static final String ASSET = "assetId";
  static final String SEGMENT = "segment";
  static final String SOURCE = "source";
  static final String LIMIT = "limit";
  static final Set<String> PARAMETERS = Set.of(OUTCOME, ASSET, SEGMENT, SOURCE, LIMIT);
  static final int DEFAULT_LIMIT = 20;

  /** An asset with its suggested messages, each with its rates. */
  public record AssetMessages(String assetId, String title, List<SuggestedMessages.Measured> suggestions) {
  }

  /** An asset of the catalog, for the tab's filter. */
  public record AssetName(String id, String title) {
  }

  /** What the tab shows. */
  public record View(PhraseReport.Report phrases, List<AssetMessages> messages, List<AssetName> assets) {
  }

  private final PhraseReport phrases;
  private final SuggestedMessages suggestions;
  private final Catalog catalog;
  private final UriInfo request;

  public MessagingResource(String engineName, PhraseReport phrases, SuggestedMessages suggestions, Catalog catalog, UriInfo request) {
    super(engineName);
    this.phrases = phrases;
    this.suggestions = suggestions;
    this.catalog = catalog;
    this.request = request;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response messaging() {
    return answer(view -> Response.ok(view, MediaType.APPLICATION_JSON_TYPE).build());
  }

  @GET
  @Path("csv")
  @Produces("text/csv")
  public Response phrasesCsv() {
    return answer(view -> InsightsAccess.csv("phrases.csv", phraseTable(view.phrases())));
  }

  @GET
  @Path("messages/csv")
  @Produces("text/csv")
  public Response messagesCsv() {
    return answer(view -> InsightsAccess.csv("suggested-messages.csv", messageTable(view.messages())));
  }

  private Response answer(Function<View, Response> body) {
    MultivaluedMap<String, String> parameters = request.getQueryParameters();
    Optional<Response> refused = InsightsAccess.refusal(getCurrentAuthentication(), parameters, PARAMETERS)
        .or(() -> InsightsAccess.invalidId(parameters, ASSET, "an asset id"));
    for (String name : List.of(OUTCOME, SEGMENT, SOURCE, LIMIT)) {
      refused = refused.or(() -> once(parameters, name));
    }
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<String> assetId = InsightsAccess.single(parameters, ASSET).map(String::strip);
    if (assetId.isPresent() && catalog.find(assetId.get()).isEmpty()) {
      return InsightsProblems.invalid("No asset '" + InsightsProblems.shown(assetId.get()) + "'", ASSET + ": no such asset");
    }
    PhraseReport.Outcome outcome = choice(PhraseReport.Outcome.class, parameters, OUTCOME, PhraseReport.Outcome.INTEREST);
    if (outcome == null) {
      return invalidChoice(PhraseReport.Outcome.class, OUTCOME);
    }
    PhraseReport.Source source = choice(PhraseReport.Source.class, parameters, SOURCE, PhraseReport.Source.ALL);
    if (source == null) {
      return invalidChoice(PhraseReport.Source.class, SOURCE);
    }
    Optional<String> segmentText = InsightsAccess.single(parameters, SEGMENT).filter(text -> !text.isBlank());
    Audience segment = segmentText.isEmpty() ? null : choice(Audience.class, parameters, SEGMENT, null);
    if (segmentText.isPresent() && segment == null) {
      return invalidChoice(Audience.class, SEGMENT);
    }
    int limit = DEFAULT_LIMIT;
    Optional<String> limitText = InsightsAccess.single(parameters, LIMIT);
    if (limitText.isPresent()) {
      if (!limitText.get().strip().matches("[0-9]{1,3}") || Integer.parseInt(limitText.get().strip()) < 1
          || Integer.parseInt(limitText.get().strip()) > 200) {
        return InsightsProblems.invalid("The limit is not a number from 1 to 200", LIMIT + ": a whole number from 1 to 200");
      }
      limit = Integer.parseInt(limitText.get().strip());
    }
    try {
      PhraseReport.Report report = phrases.report(outcome, assetId.orElse(null), segment == null ? null : segment.name(), source, limit);
      List<AssetMessages> messages = new ArrayList<>();
      var all = catalog.all();
      for (var asset : assetId.isPresent() ? List.of(catalog.get(assetId.get())) : all) {
        List<SuggestedMessages.Measured> measured = suggestions.measured(asset.id());
        if (!measured.isEmpty()) {
          messages.add(new AssetMessages(asset.id(), asset.title(), measured));
        }
      }
      return body.apply(new View(report, messages, all.stream().map(a -> new AssetName(a.id(), a.title())).toList()));
    } catch (RuntimeException e) {
      return InsightsProblems.failed(e);
    }
  }

  private static Optional<Response> once(MultivaluedMap<String, String> parameters, String name) {
    int given = parameters.getOrDefault(name, List.of()).size();
    return given > 1 ? Optional.of(InsightsProblems.invalid("Give one " + name, name + ": given " + given + " times")) : Optional.empty();
  }

  /** The parameter's value as one of the enum's names (any case), its default when not given, null when unknown. */
  private static <E extends Enum<E>> E choice(Class<E> type, MultivaluedMap<String, String> parameters, String name, E otherwise) {
    Optional<String> text = InsightsAccess.single(parameters, name).filter(value -> !value.isBlank());
    if (text.isEmpty()) {
      return otherwise;
    }
    return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(text.get().strip().toUpperCase(Locale.ROOT)))
        .findFirst().orElse(null);
  }

  private static <E extends Enum<E>> Response invalidChoice(Class<E> type, String name) {
    return InsightsProblems.invalid("The " + name + " is not known", name + ": one of "
        + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
  }

  static List<List<Object>> phraseTable(PhraseReport.Report report) {
    List<List<Object>> table = new ArrayList<>();
    table.add(List.of("outcome", "direction", "phrase", "key", "effect", "z", "documents", "with_outcome", "distributors", "prospects"));
    for (String direction : List.of("raising", "lowering")) {
      for (PhraseOdds.Phrase phrase : direction.equals("raising") ? report.raising() : report.lowering()) {
        table.add(List.of(report.outcome().name(), direction, phrase.phrase(), phrase.key(), phrase.effect(), phrase.z(),
            phrase.documents(), phrase.withOutcome(), phrase.distributors(), phrase.prospects()));
      }
    }
    return table;
  }

  static List<List<Object>> messageTable(List<AssetMessages> messages) {
    List<List<Object>> table = new ArrayList<>();
    table.add(List.of("asset", "suggestion", "channel", "language", "status", "rolled_out", "sent", "viewed_in_window", "view_rate",
        "converted", "conversion_rate", "subject", "text"));
    for (AssetMessages asset : messages) {
      for (SuggestedMessages.Measured m : asset.suggestions()) {
        table.add(List.of(asset.assetId(), m.message().id(), m.message().channel().name(), m.message().language(),
            m.message().status().name(), m.message().rolledOut(), m.sent(), m.viewedInWindow(), m.viewRate(), m.converted(),
            m.conversionRate(), DistributorsResource.blankIfNull(m.message().subject()), m.message().text()));
      }
    }
    return table;
  }
}
