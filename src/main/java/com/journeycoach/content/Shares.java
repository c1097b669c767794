package com.journeycoach.content;

import com.journeycoach.system.NotFoundException;
import java.time.Clock;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Shares and their tracked links. A token is 256 random bits: unguessable, and it names nothing. */
@Service
public class Shares {

  private static final String COLUMNS = "id, token, prospect_id, asset_id, distributor_id, channel, created_at, shared_at,"
      + " first_viewed_at, view_count";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final Clock clock;
  private final JdbcTemplate batch;
  private final CatalogProperties properties;

  public Shares(JdbcClient jdbc, JdbcTemplate batch, CatalogProperties properties, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.batch = batch;
    this.properties = properties;
  }

  /** A share of the past, as the simulated market's history writes them. */
  public record PastShare(String id, String token, String prospectId, String assetId, String distributorId, String channel,
                          Instant createdAt, Instant sharedAt, Instant firstViewedAt, int viewCount) {
  }

  /** Writes shares of the past in one batch. */
  public void addPast(List<PastShare> past) {
    batch.batchUpdate("INSERT INTO asset_share (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", past.stream()
        .map(s -> new Object[] {s.id(), s.token(), s.prospectId(), s.assetId(), s.distributorId(), s.channel(),
            timestamp(s.createdAt()), timestamp(s.sharedAt()), timestamp(s.firstViewedAt()), s.viewCount()})
        .toList());
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  /** Prepares the tracked link for an asset the distributor is about to share. */
  public Share create(String prospectId, String assetId, String distributorId) {
    return create(prospectId, assetId, distributorId, null);
  }

  /**
   * Prepares the tracked link for an asset the distributor chose instead of the one the journey suggested;
   * the share records which one that was ({@code suggestedAssetId}, null when the suggestion was taken).
   */
  public Share create(String prospectId, String assetId, String distributorId, String suggestedAssetId) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Instant now = clock.instant();
    Share share = new Share(UUID.randomUUID().toString(), token, prospectId, assetId, distributorId, null, now, null, null, 0);
    jdbc.sql("INSERT INTO asset_share (" + COLUMNS + ", suggested_asset_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(share.id(), share.token(), prospectId, assetId, distributorId, null, Timestamp.from(now), null, null, 0,
            suggestedAssetId)
        .update();
    return share;
  }

  public String linkOf(Share share) {
    return properties.trackedLinkBaseUrl() + "/s/" + share.token();
  }

  /**
   * Marks the share as sent on a channel; answers whether the prospect has opened the link already
   * (they may have, from a link the distributor sent before saying so). One statement when they have not.
   */
  public boolean markShared(String shareId, String channel) {
    Timestamp now = Timestamp.from(clock.instant());
    String update = "UPDATE asset_share SET shared_at = COALESCE(shared_at, ?), channel = ? WHERE id = ?";
    if (jdbc.sql(update + " AND first_viewed_at IS NULL").params(now, channel, shareId).update() == 1) {
      return false;
    }
    if (jdbc.sql(update).params(now, channel, shareId).update() == 0) {
      throw new NotFoundException("No share '" + shareId + "'");
    }
    return true;
  }

  /**
   * The distributor showed the asset in person: counts as the prospect's first view, unless they viewed it
   * already. Answers whether this counted the view.
   */
  public boolean recordViewInPerson(String shareId) {
    return jdbc.sql("UPDATE asset_share SET view_count = view_count + 1, first_viewed_at = ? WHERE id = ? AND first_viewed_at IS NULL")
        .params(Timestamp.from(clock.instant()), shareId).update() == 1;
  }

  /**
   * The distributor skipped this share's asset (a quick outcome of a journey task): it counts as sent when the next
   * asset is chosen, so it is not suggested to this prospect again. Answers whether the share exists.
   */
  public boolean markSkipped(String shareId) {
    return jdbc.sql("UPDATE asset_share SET skipped_at = COALESCE(skipped_at, ?) WHERE id = ?")
        .params(Timestamp.from(clock.instant()), shareId).update() == 1;
  }

  /** When the distributor skipped this share's asset; empty when they did not. */
  public Optional<Instant> skippedAt(String shareId) {
    return jdbc.sql("SELECT skipped_at FROM asset_share WHERE id = ?").param(shareId).query(Timestamp.class).list()
        .stream().filter(Objects::nonNull).map(Timestamp::toInstant).findFirst();
  }

  /** The asset the journey had suggested when the distributor chose this share's asset instead; empty when they took the suggestion. */
  public Optional<String> suggestedAssetOf(String shareId) {
    return jdbc.sql("SELECT suggested_asset_id FROM asset_share WHERE id = ?").param(shareId).query(String.class).list()
        .stream().filter(Objects::nonNull).findFirst();
  }

  /** Counts a view; the first one sets the first-view time. Empty when no share has that token. */
  public Optional<Share> recordView(String token) {
    int updated = jdbc.sql("UPDATE asset_share SET view_count = view_count + 1, first_viewed_at = COALESCE(first_viewed_at, ?)"
            + " WHERE token = ?")
        .params(Timestamp.from(clock.instant()), token).update();
    return updated == 0 ? Optional.empty() : byToken(token);
  }

  /** The share of a tracked link, without counting a view. */
  public Optional<Share> byToken(String token) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM asset_share WHERE token = ?").param(token).query(Shares::share).optional();
  }

  public Share get(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM asset_share WHERE id = ?").param(id).query(Shares::share).optional()
        .orElseThrow(() -> new NotFoundException("No share '" + id + "'"));
  }

  /** The latest share of an asset with a prospect. */
  public Optional<Share> latest(String prospectId, String assetId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM asset_share WHERE prospect_id = ? AND asset_id = ? ORDER BY created_at DESC, id")
        .params(prospectId, assetId).query(Shares::share).list().stream().findFirst();
  }

  public List<Share> ofProspect(String prospectId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM asset_share WHERE prospect_id = ? ORDER BY created_at, id")
        .param(prospectId).query(Shares::share).list();
  }

  /** The assets a prospect has been sent (or skipped) so far, and those they have viewed. */
  record Progress(Set<String> sharedAssetIds, Set<String> viewedAssetIds) {
  }

  /** The prospect's {@link Progress}, in one query. */
  Progress progressOf(String prospectId) {
    Set<String> shared = new HashSet<>();
    Set<String> viewed = new HashSet<>();
    jdbc.sql("SELECT asset_id, shared_at, view_count, skipped_at FROM asset_share WHERE prospect_id = ?")
        .param(prospectId).query(rs -> {
          // a skipped asset counts as sent: it is not suggested again
          if (rs.getTimestamp(2) != null || rs.getTimestamp(4) != null) {
            shared.add(rs.getString(1));
          }
          if (rs.getInt(3) > 0) {
            viewed.add(rs.getString(1));
          }
        });
    return new Progress(shared, viewed);
  }

  private static Share share(ResultSet rs, int row) throws SQLException {
    return new Share(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
        instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), rs.getInt(10));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
