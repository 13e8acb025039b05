CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text NOT NULL,
	"actor_name" text NOT NULL,
	"hunt_id" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	CONSTRAINT "audit_log_entity_known" CHECK ("audit_log"."entity" in ('verdict', 'exclusion'))
);
--> statement-breakpoint
CREATE TABLE "custom_exclusions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hunt_id" text NOT NULL,
	"field" text NOT NULL,
	"operator" text NOT NULL,
	"values" jsonb NOT NULL,
	"device_id" text,
	"reason" text NOT NULL,
	"expires_at" timestamp with time zone,
	"enabled" boolean DEFAULT true NOT NULL,
	"version" integer NOT NULL,
	"created_by_id" text NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_id" text NOT NULL,
	"updated_by_name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "custom_exclusions_version_positive" CHECK ("custom_exclusions"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "run_snapshots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"hunt_id" text NOT NULL,
	"source_id" text NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"exclusions" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "snapshot_devices" (
	"snapshot_id" bigint NOT NULL,
	"device_id" text NOT NULL,
	"device_name" text NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"activity" jsonb NOT NULL,
	CONSTRAINT "snapshot_devices_snapshot_id_device_id_pk" PRIMARY KEY("snapshot_id","device_id")
);
--> statement-breakpoint
CREATE TABLE "verdicts" (
	"hunt_id" text NOT NULL,
	"device_id" text NOT NULL,
	"device_name" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"scenario" text,
	"review_after" timestamp with time zone,
	"reference" text,
	"version" integer NOT NULL,
	"set_by_id" text NOT NULL,
	"set_by_name" text NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "verdicts_hunt_id_device_id_pk" PRIMARY KEY("hunt_id","device_id"),
	CONSTRAINT "verdicts_status_known" CHECK ("verdicts"."status" in ('unreviewed', 'benign', 'suspicious', 'malicious')),
	CONSTRAINT "verdicts_benign_has_reason" CHECK ("verdicts"."status" <> 'benign' or coalesce("verdicts"."reason", '') <> ''),
	CONSTRAINT "verdicts_version_positive" CHECK ("verdicts"."version" > 0)
);
--> statement-breakpoint
ALTER TABLE "snapshot_devices" ADD CONSTRAINT "snapshot_devices_snapshot_id_run_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."run_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_entity" ON "audit_log" USING btree ("hunt_id","entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_at" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "custom_exclusions_hunt" ON "custom_exclusions" USING btree ("hunt_id","created_at");--> statement-breakpoint
CREATE INDEX "run_snapshots_hunt_ran_at" ON "run_snapshots" USING btree ("hunt_id","ran_at");