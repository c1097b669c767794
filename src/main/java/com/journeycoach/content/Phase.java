package com.journeycoach.content;

/** Where an asset belongs in the distributor's and the customer's journey. */
public enum Phase { ONBOARDING, PROSPECT_DEVELOPMENT, PRODUCT_KNOWLEDGE, SALES_SKILLS }
