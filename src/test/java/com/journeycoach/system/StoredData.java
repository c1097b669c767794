package com.journeycoach.system;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Every row of the application's own tables and of Camunda's runtime and identity tables (tasks,
 * variables, executions, authorizations, users and groups), read back to see that a refused request
 * changed nothing.
 */
record StoredData(Map<String, List<String>> rows) {

  private static final Set<String> ENGINE_TABLES = Set.of("ACT_RU_TASK", "ACT_RU_VARIABLE", "ACT_RU_EXECUTION",
      "ACT_RU_AUTHORIZATION", "ACT_RU_IDENTITYLINK");

  static StoredData of(DataSource dataSource) {
    Map<String, List<String>> rows = new TreeMap<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      String quote = meta.getIdentifierQuoteString().strip();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      for (String table : tables) {
        String upper = table.toUpperCase(Locale.ROOT);
        boolean engine = upper.startsWith("ACT_");
        if ((engine && !ENGINE_TABLES.contains(upper) && !upper.startsWith("ACT_ID_")) || upper.contains("FLYWAY")) {
          continue;
        }
        List<String> content = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT * FROM " + quote + table + quote)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int c = 1; c <= columns; c++) {
              row.append(c == 1 ? "" : " | ").append(rs.getString(c));
            }
            content.add(row.toString());
          }
        }
        content.sort(null);
        rows.put(upper, content);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new StoredData(rows);
  }

  /** What differs from an earlier reading, table by table, as rows gone and rows new. */
  List<String> changesSince(StoredData before) {
    List<String> changes = new ArrayList<>();
    for (String table : rows.keySet()) {
      List<String> was = before.rows().getOrDefault(table, List.of());
      List<String> now = rows.get(table);
      if (!was.equals(now)) {
        List<String> gone = new ArrayList<>(was);
        gone.removeAll(now);
        List<String> added = new ArrayList<>(now);
        added.removeAll(was);
        changes.add(table + ": -" + gone.stream().map(r -> BadInputCorpus.abbreviate(r, 160)).toList()
            + " +" + added.stream().map(r -> BadInputCorpus.abbreviate(r, 160)).toList());
      }
    }
    return changes;
  }
}
