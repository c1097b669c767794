package com.journeycoach.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.h2.api.Trigger;

/**
 * The daily touchpoint counts (table {@code touchpoint_daily}, read by others as {@code journey_touchpoint_daily}):
 * touchpoints per day, asset ('' for none), the prospect's distributor and kind. The database keeps them with the
 * touchpoints, by triggers on every insert, update and delete of a touchpoint, in the same transaction: whatever
 * writes touchpoints (this application, a bulk load, a repair by SQL) cannot leave them behind. A count that falls
 * to 0 stays as a row of 0.
 */
public final class TouchpointDaily {

  private TouchpointDaily() {
  }

  private static final String ADD = "INSERT INTO touchpoint_daily (touch_day, asset_id, distributor_id, kind, touchpoints)"
      + " SELECT CAST(NEW.occurred_at AS DATE), COALESCE(NEW.asset_id, ''), p.distributor_id, NEW.kind, 1"
      + " FROM people_prospect p WHERE p.id = NEW.prospect_id"
      + " ON DUPLICATE KEY UPDATE touchpoints = touchpoint_daily.touchpoints + 1";
  private static final String REMOVE = "UPDATE touchpoint_daily d JOIN people_prospect p ON p.id = OLD.prospect_id"
      + " SET d.touchpoints = d.touchpoints - 1 WHERE d.touch_day = CAST(OLD.occurred_at AS DATE)"
      + " AND d.asset_id = COALESCE(OLD.asset_id, '') AND d.distributor_id = p.distributor_id AND d.kind = OLD.kind";

  /** MySQL and MariaDB: one trigger per event, in SQL. */
  public static final List<String> MYSQL_TRIGGERS = List.of(
      "CREATE TRIGGER touchpoint_daily_insert AFTER INSERT ON touchpoint FOR EACH ROW " + ADD,
      "CREATE TRIGGER touchpoint_daily_delete AFTER DELETE ON touchpoint FOR EACH ROW " + REMOVE,
      "CREATE TRIGGER touchpoint_daily_update AFTER UPDATE ON touchpoint FOR EACH ROW BEGIN " + REMOVE + "; " + ADD + "; END");

  /** H2: one Java trigger for the three events. */
  public static final List<String> H2_TRIGGERS = List.of(
      "CREATE TRIGGER touchpoint_daily_change AFTER INSERT, UPDATE, DELETE ON touchpoint FOR EACH ROW CALL '"
          + H2Trigger.class.getName() + "'");

  /** H2's trigger: takes the old row's count away and adds the new row's. */
  public static final class H2Trigger implements Trigger {

    private static final String DUPLICATE_KEY = "23505";

    private final Map<String, Integer> columns = new HashMap<>();

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type) throws SQLException {
      try (ResultSet rs = connection.getMetaData().getColumns(null, schema, table, null)) {
        while (rs.next()) {
          columns.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), rs.getInt("ORDINAL_POSITION") - 1);
        }
      }
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
      if (oldRow != null) {
        count(connection, oldRow, -1);
      }
      if (newRow != null) {
        count(connection, newRow, 1);
      }
    }

    private void count(Connection connection, Object[] row, int change) throws SQLException {
      String distributor = null;
      try (PreparedStatement select = connection.prepareStatement("SELECT distributor_id FROM people_prospect WHERE id = ?")) {
        select.setObject(1, row[columns.get("prospect_id")]);
        try (ResultSet rs = select.executeQuery()) {
          if (rs.next()) {
            distributor = rs.getString(1);
          }
        }
      }
      if (distributor == null) {
        return;
      }
      Object asset = row[columns.get("asset_id")];
      try (PreparedStatement merge = connection.prepareStatement(
          "MERGE INTO touchpoint_daily d USING (SELECT CAST(CAST(? AS TIMESTAMP) AS DATE) AS touch_day,"
              + " CAST(? AS VARCHAR(64)) AS asset_id, CAST(? AS VARCHAR(64)) AS distributor_id, CAST(? AS VARCHAR(24)) AS kind) s"
              + " ON d.touch_day = s.touch_day AND d.asset_id = s.asset_id AND d.distributor_id = s.distributor_id AND d.kind = s.kind"
              + " WHEN MATCHED THEN UPDATE SET touchpoints = d.touchpoints + CAST(? AS BIGINT)"
              + " WHEN NOT MATCHED THEN INSERT (touch_day, asset_id, distributor_id, kind, touchpoints)"
              + " VALUES (s.touch_day, s.asset_id, s.distributor_id, s.kind, CAST(? AS BIGINT))")) {
        merge.setObject(1, row[columns.get("occurred_at")]);
        merge.setString(2, asset == null ? "" : asset.toString());
        merge.setString(3, distributor);
        merge.setObject(4, row[columns.get("kind")]);
        merge.setInt(5, change);
        merge.setInt(6, change);
        merge.executeUpdate();
      } catch (SQLException e) {
        if (!DUPLICATE_KEY.equals(e.getSQLState())) {
          throw e;
        }
        // another transaction added the same day's row first (its insert waited for it): count onto it
        try (PreparedStatement update = connection.prepareStatement("UPDATE touchpoint_daily SET touchpoints = touchpoints + ?"
            + " WHERE touch_day = CAST(CAST(? AS TIMESTAMP) AS DATE) AND asset_id = ? AND distributor_id = ? AND kind = ?")) {
          update.setInt(1, change);
          update.setObject(2, row[columns.get("occurred_at")]);
          update.setString(3, asset == null ? "" : asset.toString());
          update.setString(4, distributor);
          update.setObject(5, row[columns.get("kind")]);
          update.executeUpdate();
        }
      }
    }
  }
}
