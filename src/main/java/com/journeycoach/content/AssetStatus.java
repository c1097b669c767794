package com.journeycoach.content;

/** Only an ACTIVE asset is shared with prospects; activation checks its metadata. */
public enum AssetStatus { DRAFT, ACTIVE, RETIRED }
