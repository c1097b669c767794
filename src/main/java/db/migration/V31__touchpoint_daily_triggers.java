package db.migration;

import com.journeycoach.journey.TouchpointDaily;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The triggers that keep touchpoint_daily (V30) equal to the touchpoints, in the same transaction as each insert,
 * update and delete. A Java migration because the two databases write triggers differently: MySQL and MariaDB in SQL,
 * H2 as a Java class ({@link TouchpointDaily.H2Trigger}).
 */
public class V31__touchpoint_daily_triggers extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    boolean h2 = context.getConnection().getMetaData().getDatabaseProductName().toLowerCase().contains("h2");
    try (Statement statement = context.getConnection().createStatement()) {
      for (String sql : h2 ? TouchpointDaily.H2_TRIGGERS : TouchpointDaily.MYSQL_TRIGGERS) {
        statement.execute(sql);
      }
    }
  }
}
