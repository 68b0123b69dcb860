CREATE TABLE "number_sequences" (
	"issuer" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "number_sequences_issuer_kind_year_pk" PRIMARY KEY("issuer","kind","year")
);
