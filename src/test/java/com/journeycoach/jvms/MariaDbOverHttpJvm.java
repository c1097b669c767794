package com.journeycoach.jvms;

import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** The tests over HTTP on MariaDB, sharing one application in a JVM of their own (surefire execution {@code own-jvms}). */
@Suite
@SelectPackages("com.journeycoach")
@IncludeTags("mariadb-http")
class MariaDbOverHttpJvm {
}
