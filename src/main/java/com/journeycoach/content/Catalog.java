package com.journeycoach.content;

import com.journeycoach.people.Audience;
import com.journeycoach.system.ConflictException;
import com.journeycoach.system.InvalidInputException;
import com.journeycoach.system.NotFoundException;
import java.time.Clock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The asset catalog: assets, their prerequisites, activation and the default sequence. */
@Service
public class Catalog {

  private static final String COLUMNS = "id, title, asset_type, url, subject, keywords, themes, presenter, presenter_gender,"
      + " presenter_age_band, phase, sequence_position, expected_outcome, call_to_action, expected_pace, audiences, product, status";

  /** The same columns of the asset aliased {@code a}, for joins. */
  private static final String ASSET_COLUMNS = Arrays.stream(COLUMNS.split(", ")).map(column -> "a." + column)
      .collect(Collectors.joining(", "));

  /** The length of the keywords and themes columns. */
  static final int MAX_LIST_LENGTH = 1000;

  private final JdbcClient jdbc;
  private final Clock clock;

  public Catalog(JdbcClient jdbc, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
  }

  public List<Asset> all() {
    Map<String, List<String>> prerequisites = allPrerequisites();
    return jdbc.sql("SELECT " + COLUMNS + " FROM asset ORDER BY phase, sequence_position, id")
        .query((rs, i) -> asset(rs, prerequisites.getOrDefault(rs.getString("id"), List.of())))
        .list();
  }

  public Optional<Asset> find(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM asset WHERE id = ?").param(id)
        .query((rs, i) -> asset(rs, prerequisitesOf(id)))
        .optional();
  }

  public Asset get(String id) {
    return find(id).orElseThrow(() -> new NotFoundException("No asset '" + id + "'"));
  }

  /** Active assets in default sequence order: phase, then position; read with their prerequisites in one query. */
  public List<Asset> activeInSequence() {
    Map<String, Asset> assets = new HashMap<>();
    Map<String, List<String>> prerequisites = new HashMap<>();
    jdbc.sql("SELECT " + ASSET_COLUMNS + ", p.required_asset_id FROM asset a"
            + " LEFT JOIN asset_prerequisite p ON p.asset_id = a.id WHERE a.status = 'ACTIVE' ORDER BY a.id, p.required_asset_id")
        .query(rs -> {
          String id = rs.getString("id");
          if (!assets.containsKey(id)) {
            assets.put(id, asset(rs, List.of()));
          }
          String required = rs.getString("required_asset_id");
          if (required != null) {
            prerequisites.computeIfAbsent(id, k -> new ArrayList<>()).add(required);
          }
        });
    return assets.values().stream()
        .map(asset -> prerequisites.containsKey(asset.id()) ? asset.withPrerequisites(prerequisites.get(asset.id())) : asset)
        .sorted(Comparator.comparing(Asset::phase).thenComparing(Asset::sequencePosition).thenComparing(Asset::id))
        .toList();
  }

  /** Creates a new asset; it starts as a draft unless it asks to be active and has all it needs. */
  @Transactional
  public Asset create(Asset asset) {
    if (find(asset.id()).isPresent()) {
      throw new ConflictException("Asset '" + asset.id() + "' already exists; change it with PUT /api/assets/" + asset.id());
    }
    saveAll(List.of(asset));
    return get(asset.id());
  }

  /** Replaces an asset's metadata; an active asset must stay complete. */
  @Transactional
  public Asset update(Asset asset) {
    get(asset.id());
    saveAll(List.of(asset));
    return get(asset.id());
  }

  @Transactional
  public Asset activate(String id) {
    Asset asset = get(id);
    saveAll(List.of(asset.withStatus(AssetStatus.ACTIVE)));
    return get(id);
  }

  @Transactional
  public Asset retire(String id) {
    Asset asset = get(id);
    List<String> dependants = jdbc.sql("SELECT p.asset_id FROM asset_prerequisite p JOIN asset a ON a.id = p.asset_id"
            + " WHERE p.required_asset_id = ? AND a.status = 'ACTIVE' ORDER BY p.asset_id")
        .param(id).query(String.class).list();
    if (!dependants.isEmpty()) {
      throw new ConflictException("Asset '" + id + "' is a prerequisite of active assets " + dependants
          + "; retire or change those first");
    }
    jdbc.sql("UPDATE asset SET status = ?, updated_at = ? WHERE id = ?")
        .params(AssetStatus.RETIRED.name(), Timestamp.from(clock.instant()), id).update();
    return asset.withStatus(AssetStatus.RETIRED);
  }

  /**
   * Replaces an asset by another, active one: every asset that required the old one requires the
   * replacement instead (checked like any change: no cycle may form), and the old one is retired. All
   * or nothing.
   */
  @Transactional
  public Asset replace(String id, String replacementId) {
    if (replacementId == null || replacementId.isBlank()) {
      throw new InvalidInputException("Name the asset that replaces '" + id + "'", List.of("replacementAssetId: required"));
    }
    String newId = replacementId.strip();
    if (newId.equals(id)) {
      throw new InvalidInputException("An asset cannot replace itself", List.of("replacementAssetId: must be another asset"));
    }
    Asset replacement = find(newId).orElseThrow(() -> new InvalidInputException("The replacement '" + newId + "' is not in the catalog",
        List.of("replacementAssetId: no such asset")));
    if (replacement.status() != AssetStatus.ACTIVE) {
      throw new InvalidInputException("The replacement '" + newId + "' is " + replacement.status() + "; activate it first",
          List.of("replacementAssetId: must be active"));
    }
    // an unknown asset has no dependants; retiring it answers that it is not there
    List<Asset> dependants = all().stream().filter(asset -> asset.prerequisites().contains(id))
        .map(asset -> asset.withPrerequisites(asset.prerequisites().stream().map(required -> required.equals(id) ? newId : required)
            .distinct().toList()))
        .toList();
    saveAll(dependants);
    return retire(id);
  }

  /**
   * Saves assets as one change: checks every prerequisite exists, that no cycle forms, and that
   * every asset to be active has its metadata and active prerequisites. Nothing is saved on error.
   */
  @Transactional
  public void saveAll(Collection<Asset> assets) {
    Map<String, Asset> incoming = new LinkedHashMap<>();
    for (Asset asset : assets) {
      if (incoming.put(asset.id(), asset) != null) {
        throw new InvalidInputException("Asset '" + asset.id() + "' appears twice", List.of(asset.id() + ": duplicate id"));
      }
    }
    Map<String, Asset> after = new HashMap<>();
    all().forEach(asset -> after.put(asset.id(), asset));
    after.putAll(incoming);

    List<String> errors = new ArrayList<>();
    for (Asset asset : incoming.values()) {
      errors.addAll(listProblems(asset));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("The catalog change has lists that cannot be stored", errors);
    }
    for (Asset asset : incoming.values()) {
      for (String required : asset.prerequisites()) {
        if (!after.containsKey(required)) {
          errors.add(asset.id() + ": prerequisite '" + required + "' is not in the catalog");
        } else if (required.equals(asset.id())) {
          errors.add(asset.id() + ": an asset cannot be its own prerequisite");
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("The catalog change refers to unknown assets", errors);
    }
    PrerequisiteGraph.findCycle(after.values()).ifPresent(cycle -> {
      throw new InvalidInputException("Prerequisites would form a cycle: " + String.join(" -> ", cycle),
          List.of("cycle: " + String.join(" -> ", cycle)));
    });
    for (Asset asset : incoming.values()) {
      if (asset.status() == AssetStatus.ACTIVE) {
        List<String> missing = new ArrayList<>(asset.missingForActivation());
        for (String required : asset.prerequisites()) {
          if (after.get(required).status() != AssetStatus.ACTIVE) {
            missing.add("prerequisite '" + required + "' is not active");
          }
        }
        if (!missing.isEmpty()) {
          throw new InvalidInputException("Asset '" + asset.id() + "' cannot be active: it is missing "
              + String.join(", ", missing), missing.stream().map(m -> asset.id() + ": " + m).toList());
        }
      }
    }
    Instant now = clock.instant();
    for (Asset asset : incoming.values()) {
      write(asset, now);
    }
  }

  /** Lists are stored comma-separated in columns of a bounded length: no commas in an entry, no entry twice. */
  static List<String> listProblems(Asset asset) {
    List<String> problems = new ArrayList<>();
    Map<String, List<String>> lists = new LinkedHashMap<>();
    lists.put("keywords", asset.keywords());
    lists.put("themes", asset.themes());
    lists.put("prerequisites", asset.prerequisites());
    lists.forEach((name, values) -> {
      if (values.stream().anyMatch(value -> value.contains(","))) {
        problems.add(asset.id() + ": " + name + ": an entry may not contain a comma");
      }
      if (values.stream().map(String::strip).distinct().count() < values.size()) {
        problems.add(asset.id() + ": " + name + ": an entry is given twice");
      }
      String joined = joined(values);
      if (joined != null && joined.length() > MAX_LIST_LENGTH) {
        problems.add(asset.id() + ": " + name + ": at most " + MAX_LIST_LENGTH + " characters together");
      }
    });
    if (asset.audiences().stream().distinct().count() < asset.audiences().size()) {
      problems.add(asset.id() + ": audiences: an entry is given twice");
    }
    return problems;
  }

  private void write(Asset asset, Instant now) {
    boolean exists = jdbc.sql("SELECT COUNT(*) FROM asset WHERE id = ?").param(asset.id()).query(Integer.class).single() > 0;
    Object[] values = {asset.title(), asset.type().name(), asset.url(), asset.subject(), joined(asset.keywords()),
        joined(asset.themes()), asset.presenter(), asset.presenterGender(), asset.presenterAgeBand(),
        asset.phase() == null ? null : asset.phase().name(), asset.sequencePosition(), asset.expectedOutcome(),
        asset.callToAction(), asset.expectedPace(), joined(asset.audiences().stream().map(Enum::name).toList()),
        asset.product(), asset.status().name(), Timestamp.from(now), asset.id()};
    if (exists) {
      jdbc.sql("UPDATE asset SET title = ?, asset_type = ?, url = ?, subject = ?, keywords = ?, themes = ?, presenter = ?,"
          + " presenter_gender = ?, presenter_age_band = ?, phase = ?, sequence_position = ?, expected_outcome = ?,"
          + " call_to_action = ?, expected_pace = ?, audiences = ?, product = ?, status = ?, updated_at = ? WHERE id = ?")
          .params(values).update();
    } else {
      jdbc.sql("INSERT INTO asset (title, asset_type, url, subject, keywords, themes, presenter, presenter_gender,"
          + " presenter_age_band, phase, sequence_position, expected_outcome, call_to_action, expected_pace, audiences,"
          + " product, status, updated_at, id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(append(values, Timestamp.from(now))).update();
    }
    jdbc.sql("DELETE FROM asset_prerequisite WHERE asset_id = ?").param(asset.id()).update();
    for (String required : asset.prerequisites()) {
      jdbc.sql("INSERT INTO asset_prerequisite (asset_id, required_asset_id) VALUES (?, ?)")
          .params(asset.id(), required).update();
    }
  }

  private Map<String, List<String>> allPrerequisites() {
    Map<String, List<String>> prerequisites = new HashMap<>();
    jdbc.sql("SELECT asset_id, required_asset_id FROM asset_prerequisite ORDER BY asset_id, required_asset_id")
        .query(rs -> {
          prerequisites.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
    return prerequisites;
  }

  private List<String> prerequisitesOf(String id) {
    return jdbc.sql("SELECT required_asset_id FROM asset_prerequisite WHERE asset_id = ? ORDER BY required_asset_id")
        .param(id).query(String.class).list();
  }

  private static Asset asset(ResultSet rs, List<String> prerequisites) throws SQLException {
    String phase = rs.getString("phase");
    int position = rs.getInt("sequence_position");
    Integer sequencePosition = rs.wasNull() ? null : position;
    return new Asset(rs.getString("id"), rs.getString("title"), AssetType.valueOf(rs.getString("asset_type")),
        rs.getString("url"), rs.getString("subject"), split(rs.getString("keywords")), split(rs.getString("themes")),
        rs.getString("presenter"), rs.getString("presenter_gender"), rs.getString("presenter_age_band"),
        phase == null ? null : Phase.valueOf(phase), sequencePosition, rs.getString("expected_outcome"),
        rs.getString("call_to_action"), rs.getString("expected_pace"),
        split(rs.getString("audiences")).stream().map(Audience::valueOf).toList(), rs.getString("product"), prerequisites,
        AssetStatus.valueOf(rs.getString("status")));
  }

  private static String joined(List<String> values) {
    return values.isEmpty() ? null : String.join(",", values.stream().map(String::strip).toList());
  }

  private static List<String> split(String value) {
    return value == null || value.isBlank() ? List.of() : Arrays.stream(value.split(",")).map(String::strip).toList();
  }

  private static Object[] append(Object[] values, Object last) {
    Object[] longer = Arrays.copyOf(values, values.length + 1);
    longer[values.length] = last;
    return longer;
  }
}
