"""The analyst specialist: business questions over the tenant's sales and ad data."""
