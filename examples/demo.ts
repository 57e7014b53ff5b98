/**
 * `npm run demo`: the toolkit's main job in one command. The npm script has
 * just compiled schemas/ with coralc; this shows what it generated at work.
 */
import { codecTour } from "./codec-tour.js";

function section(title: string): void {
  console.log(`\n=== ${title} ===\n`);
}

section("1. coralc compiled schemas/ into generated/: one NewOrder through the generated codec");
codecTour(console.log);
