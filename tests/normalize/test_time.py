"""The normalisation table: expression (+ anchor and context) -> TIMEX3 type and value."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from newsgraph.normalize.time import join_durations, normalize, parse_value, resolve, shift_value, sort_key

SEED = dt.date(2025, 6, 5)  # Thursday; the seed article's publication date
WSJ = dt.date(1989, 10, 26)  # Thursday; a TimeBank-style earnings report date
FRI = dt.date(1998, 2, 13)  # Friday
MON = dt.date(2000, 4, 3)  # Monday
SAT = dt.date(1998, 11, 21)  # Saturday

# (text, anchor, keyword arguments, type, value)
CASES: list[tuple[str, dt.date | None, dict[str, Any], str, str]] = [
    # -- every temporal expression of the seed article
    ("June 5", SEED, {"tense": "past"}, "DATE", "2025-06-05"),
    ("June 19, 2024", SEED, {}, "DATE", "2024-06-19"),
    ("last fall", SEED, {}, "DATE", "2024-FA"),
    ("August 2024", SEED, {}, "DATE", "2024-08"),
    ("May 2024", SEED, {}, "DATE", "2024-05"),
    ("June 25, 2024", SEED, {}, "DATE", "2024-06-25"),
    ("2024", SEED, {}, "DATE", "2024"),
    ("now", SEED, {}, "DATE", "PRESENT_REF"),
    # -- full and partial calendar dates
    ("Aug. 7, 1998", FRI, {}, "DATE", "1998-08-07"),
    ("Sept. 30", WSJ, {"tense": "past"}, "DATE", "1989-09-30"),
    ("Sept 30, 1989", WSJ, {}, "DATE", "1989-09-30"),
    ("19 June 2024", SEED, {}, "DATE", "2024-06-19"),
    ("the 4th of July", SEED, {"tense": "future"}, "DATE", "2025-07-04"),
    ("March 5, 1946", SEED, {}, "DATE", "1946-03-05"),
    ("Monday, Oct. 26", dt.date(1998, 10, 27), {}, "DATE", "1998-10-26"),
    ("Friday, Oct. 23", dt.date(1998, 10, 25), {}, "DATE", "1998-10-23"),
    ("Thursday, September 18, 2008", SEED, {}, "DATE", "2008-09-18"),
    ("July 1997", FRI, {}, "DATE", "1997-07"),
    ("January 1998", FRI, {}, "DATE", "1998-01"),
    ("March of 1996", FRI, {}, "DATE", "1996-03"),
    ("January this year", FRI, {}, "DATE", "1998-01"),
    ("June last year", FRI, {}, "DATE", "1997-06"),
    ("1998-02-13", None, {}, "DATE", "1998-02-13"),
    ("02/13/1998", None, {}, "DATE", "1998-02-13"),
    ("1990", WSJ, {}, "DATE", "1990"),
    ("fiscal 1989", WSJ, {}, "DATE", "1989"),
    ("the year 2000", WSJ, {}, "DATE", "2000"),
    ("nineteen ninety-six", FRI, {}, "DATE", "1996"),
    ("the year two thousand", FRI, {}, "DATE", "2000"),
    ("January nineteen ninety-seven", FRI, {}, "DATE", "1997-01"),
    ("the winter of nineteen ninety-four", FRI, {}, "DATE", "1994-WI"),
    ("summer 2024", SEED, {}, "DATE", "2024-SU"),
    # -- month names without a year: the tense picks the direction, the nearest otherwise
    ("January", WSJ, {"tense": "future"}, "DATE", "1990-01"),
    ("June", WSJ, {"tense": "past"}, "DATE", "1989-06"),
    ("December", FRI, {"tense": "past"}, "DATE", "1997-12"),
    ("April", dt.date(1998, 12, 5), {"tense": "future"}, "DATE", "1999-04"),
    ("September", dt.date(1990, 8, 16), {"tense": "past"}, "DATE", "1990-09"),
    ("March", FRI, {}, "DATE", "1998-03"),
    ("Nov. 20", dt.date(1989, 11, 2), {"tense": "past"}, "DATE", "1989-11-20"),
    ("Oct. 23", dt.date(1999, 5, 6), {"tense": "past"}, "DATE", "1998-10-23"),
    ("Jan. 31", WSJ, {"tense": "past"}, "DATE", "1989-01-31"),
    ("Nov. 25", dt.date(2000, 1, 15), {}, "DATE", "1999-11-25"),
    ("Dec. 15", WSJ, {"tense": "future"}, "DATE", "1989-12-15"),
    ("March", FRI, {"local": "1996"}, "DATE", "1996-03"),
    # -- weekdays: backward in past tense, forward in future tense, the week in view
    ("Friday", FRI, {"tense": "past"}, "DATE", "1998-02-13"),
    ("Thursday", FRI, {"tense": "past"}, "DATE", "1998-02-12"),
    ("Monday", FRI, {"tense": "future"}, "DATE", "1998-02-16"),
    ("Tuesday", WSJ, {"tense": "future"}, "DATE", "1989-10-31"),
    ("Tuesday", WSJ, {}, "DATE", "1989-10-24"),
    ("last Friday", dt.date(1989, 10, 30), {}, "DATE", "1989-10-27"),
    ("next Tuesday", MON, {}, "DATE", "2000-04-04"),
    ("this coming Sunday", FRI, {}, "DATE", "1998-02-15"),
    ("the previous Friday", WSJ, {"reference": "1989-10-27"}, "DATE", "1989-10-20"),
    ("Monday", MON, {"tense": "past", "local": "2000-W12"}, "DATE", "2000-03-20"),
    ("Friday morning", FRI, {"tense": "past"}, "DATE", "1998-02-13"),
    ("Wednesday night", FRI, {"tense": "past"}, "DATE", "1998-02-11"),
    ("this Sunday", dt.date(2019, 8, 6), {"tense": "past"}, "DATE", "2019-08-04"),  # the one just gone
    ("this Sunday", dt.date(2019, 8, 6), {"tense": "future"}, "DATE", "2019-08-11"),
    ("Sunday night", dt.date(2000, 4, 17), {"tense": "past"}, "DATE", "2000-04-16"),
    ("Tuesday morning", dt.date(1998, 8, 17), {"tense": "future"}, "DATE", "1998-08-18"),
    ("Saturday evening", SAT, {"tense": "past"}, "TIME", "1998-11-21TEV"),
    ("Sunday afternoon", SAT, {"tense": "future"}, "TIME", "1998-11-22TAF"),
    # -- days, parts of days and clock times
    ("today", FRI, {}, "DATE", "1998-02-13"),
    ("yesterday", FRI, {}, "DATE", "1998-02-12"),
    ("tomorrow", FRI, {}, "DATE", "1998-02-14"),
    ("the day before yesterday", FRI, {}, "DATE", "1998-02-11"),
    ("the day after tomorrow", FRI, {}, "DATE", "1998-02-15"),
    ("tonight", FRI, {}, "TIME", "1998-02-13TNI"),
    ("last night", FRI, {}, "TIME", "1998-02-12TNI"),
    ("this morning", FRI, {}, "TIME", "1998-02-13TMO"),
    ("yesterday afternoon", FRI, {}, "TIME", "1998-02-12TAF"),
    ("overnight", FRI, {}, "TIME", "1998-02-12TNI"),
    ("10:35 a.m.", FRI, {}, "TIME", "1998-02-13T10:35"),
    ("3 p.m.", FRI, {}, "TIME", "1998-02-13T15:00"),
    ("9 a.m. Tuesday", MON, {"tense": "future"}, "TIME", "2000-04-04T09:00"),
    ("5 p.m. EST Nov. 9", dt.date(1989, 11, 2), {"tense": "future"}, "TIME", "1989-11-09T17:00"),
    ("noon Thursday", FRI, {"tense": "past"}, "TIME", "1998-02-12T12:00"),
    ("midnight Friday", dt.date(1989, 10, 30), {"tense": "past"}, "TIME", "1989-10-27T24:00"),
    ("4 in the morning", MON, {}, "TIME", "2000-04-03T04:00"),
    ("10 p.m.", SEED, {"reference": "2025-06-01"}, "TIME", "2025-06-01T22:00"),
    ("midday", dt.date(1999, 10, 8), {}, "TIME", "1999-10-08T12:00"),
    # -- relative to the publication date
    ("last year", WSJ, {}, "DATE", "1988"),
    ("this year", WSJ, {}, "DATE", "1989"),
    ("next year", WSJ, {}, "DATE", "1990"),
    ("the past year", FRI, {}, "DATE", "1997"),
    ("last month", WSJ, {}, "DATE", "1989-09"),
    ("this month", WSJ, {}, "DATE", "1989-10"),
    ("next month", dt.date(1999, 12, 20), {}, "DATE", "2000-01"),
    ("last week", WSJ, {}, "DATE", "1989-W42"),
    ("this week", FRI, {}, "DATE", "1998-W07"),
    ("next week", FRI, {}, "DATE", "1998-W08"),
    ("this weekend", FRI, {}, "DATE", "1998-W07-WE"),
    ("last weekend", MON, {}, "DATE", "2000-W13-WE"),
    ("the weekend", MON, {"tense": "past"}, "DATE", "2000-W13-WE"),
    ("last quarter", WSJ, {}, "DATE", "1989-Q3"),
    ("the current quarter", WSJ, {}, "DATE", "1989-Q4"),
    ("the last decade", FRI, {}, "DATE", "198"),
    ("two years ago", FRI, {}, "DATE", "1996"),
    ("five months ago", FRI, {}, "DATE", "1997-09"),
    ("three weeks ago", FRI, {}, "DATE", "1998-W04"),
    ("11 days ago", dt.date(1999, 4, 19), {}, "DATE", "1999-04-08"),
    ("a decade ago", dt.date(1999, 3, 12), {}, "DATE", "1989"),
    ("nearly four years ago", FRI, {}, "DATE", "1994"),
    ("two years from now", FRI, {}, "DATE", "2000"),
    ("several years ago", FRI, {}, "DATE", "PAST_REF"),
    ("earlier this year", WSJ, {}, "DATE", "1989"),
    ("later this month", WSJ, {}, "DATE", "1989-10"),
    ("early next year", WSJ, {}, "DATE", "1990"),
    ("earlier in the year", WSJ, {}, "DATE", "1989"),
    ("late last week", WSJ, {}, "DATE", "1989-W42"),
    ("the end of this week", WSJ, {}, "DATE", "1989-W43"),
    ("the end of the year", WSJ, {}, "DATE", "1989"),
    ("year-end", WSJ, {}, "DATE", "1989"),
    # -- seasons
    ("this summer", FRI, {}, "DATE", "1998-SU"),
    ("last spring", SEED, {}, "DATE", "2025-SP"),
    ("next winter", SEED, {}, "DATE", "2026-WI"),
    ("this past spring", WSJ, {}, "DATE", "1989-SP"),
    ("the summer", WSJ, {"tense": "past"}, "DATE", "1989-SU"),
    ("early summer", WSJ, {"tense": "past"}, "DATE", "1989-SU"),
    # -- anchored on the last date in the text
    ("the following day", SEED, {"reference": "2024-06-19"}, "DATE", "2024-06-20"),
    ("the next day", SEED, {"reference": "2024-06-19"}, "DATE", "2024-06-20"),
    ("the day before", SEED, {"reference": "2024-06-19"}, "DATE", "2024-06-18"),
    ("12:00 UTC Monday", dt.date(2009, 6, 1), {}, "TIME", "2009-06-01T12:00Z"),
    ("0800 GMT", dt.date(2008, 9, 18), {}, "TIME", "2008-09-18T08:00Z"),
    ("70s", SEED, {}, "DATE", "197"),
    ("5 p.m. EST, Nov. 6", WSJ, {"tense": "future"}, "TIME", "1989-11-06T17:00"),
    ("the last week of March", dt.date(2009, 4, 1), {"tense": "past"}, "DATE", "2009-W13"),
    ("the first week of March", dt.date(2009, 4, 1), {"tense": "past"}, "DATE", "2009-W10"),
    ("the second week of January 2010", SEED, {}, "DATE", "2010-W02"),
    ("the entire year", dt.date(2006, 1, 27), {"period": "2005-Q4", "tense": "past"}, "DATE", "2005"),
    ("the full year", dt.date(1987, 2, 26), {"period": "1986", "tense": "past"}, "DATE", "1986"),
    ("the year previous", dt.date(2010, 1, 28), {"reference": "2009", "period": "2009"}, "DATE", "2008"),
    ("the year", dt.date(2006, 1, 27), {"period": "2005-Q4", "tense": "present"}, "DATE", "2006"),
    ("the year previous", SEED, {"reference": "2009"}, "DATE", "2008"),
    ("the month prior", SEED, {"reference": "2024-06-19"}, "DATE", "2024-05"),
    ("that day", SEED, {"reference": "2024-06-19"}, "DATE", "2024-06-19"),
    ("that same day", SEED, {"reference": "2024-06-19"}, "DATE", "2024-06-19"),
    ("two years earlier", SEED, {"reference": "2024-06-19"}, "DATE", "2022"),
    ("two days later", SEED, {"reference": "2024-06-19"}, "DATE", "2024-06-21"),
    ("a year earlier", SEED, {"reference": "2024-08"}, "DATE", "2023-08"),
    ("later that year", SEED, {"reference": "2024-06-19"}, "DATE", "2024"),
    ("the following year", SEED, {"reference": "2019"}, "DATE", "2020"),
    ("that summer", SEED, {"reference": "2019-03-01"}, "DATE", "2019-SU"),
    ("the next morning", SEED, {"reference": "2024-06-19"}, "TIME", "2024-06-20TMO"),
    # -- fiscal quarters and halves
    ("third-quarter", WSJ, {}, "DATE", "1989-Q3"),
    ("the third quarter", WSJ, {}, "DATE", "1989-Q3"),
    ("the fourth quarter", WSJ, {}, "DATE", "1989-Q4"),
    ("the fourth quarter", dt.date(1990, 2, 1), {}, "DATE", "1989-Q4"),
    ("the first quarter", WSJ, {}, "DATE", "1989-Q1"),
    ("the third quarter of 1984", WSJ, {}, "DATE", "1984-Q3"),
    ("next year's first quarter", WSJ, {}, "DATE", "1990-Q1"),
    ("this year's third quarter", WSJ, {}, "DATE", "1989-Q3"),
    ("the 1988 second quarter", WSJ, {}, "DATE", "1988-Q2"),
    ("the fiscal first quarter", WSJ, {}, "DATE", "1989-Q1"),
    ("the latest quarter", WSJ, {}, "DATE", "1989-Q3"),
    ("the quarter", WSJ, {"period": "1989-Q3"}, "DATE", "1989-Q3"),
    ("the year-earlier quarter", WSJ, {"period": "1989-Q3"}, "DATE", "1988-Q3"),
    ("the year-ago period", WSJ, {"period": "1989-Q3"}, "DATE", "1988-Q3"),
    # "sales rose in February compared to the same period last year": that February a year back
    ("the same period last year", dt.date(2010, 3, 3), {"reference": "2010-02"}, "DATE", "2009-02"),
    # "49,822 cars in the first two months of 1987, up from 37,272 in the same period of last year"
    ("the same period of last year", dt.date(1987, 3, 4), {"reference": "1987"}, "DATE", "1986"),
    # "February volume rose ...; market value for the month": the month just named, and with none
    # named, the month of publication
    ("the month", dt.date(1987, 3, 6), {"reference": "1987-02"}, "DATE", "1987-02"),
    ("the month", dt.date(1987, 3, 6), {"reference": "1986"}, "DATE", "1987-03"),
    # "borrowed 3.1 billion, a rise over the week before", February in view: some week of it
    ("the week before", dt.date(1987, 3, 6), {"reference": "1987-02"}, "DATE", "1987-WXX"),
    ("'82", dt.date(2008, 10, 27), {}, "DATE", "1982"),  # "lowest since '82"
    ("the day before last Tuesday", dt.date(2000, 2, 24), {"tense": "past"}, "DATE", "2000-02-21"),
    ("the day before yesterday morning", FRI, {}, "TIME", "1998-02-11TMO"),
    ("the day after July 4, 1999", None, {}, "DATE", "1999-07-05"),
    ("’09", dt.date(2008, 10, 27), {}, "DATE", "2009"),
    ("the 1970's", None, {}, "DATE", "197"),
    ("year-earlier", WSJ, {"period": "1989-Q3"}, "DATE", "1988-Q3"),
    ("a year ago", WSJ, {"period": "1989-Q3"}, "DATE", "1988-Q3"),
    # the months to date of a fiscal year ("for the nine months ... a year earlier"): the year before
    ("a year earlier", WSJ, {"period": "1989", "reference": "1989-Q3"}, "DATE", "1988"),
    ("year-earlier", WSJ, {"period": "1989", "reference": "1989-Q3"}, "DATE", "1988"),
    ("a year earlier", WSJ, {"period": "1989-Q3", "reference": "1989-09-30"}, "DATE", "1988-Q3"),
    ("the quarter a year ago", WSJ, {"period": "1989-Q3"}, "DATE", "1988-Q3"),
    ("last year's quarter", WSJ, {"period": "1989-Q3"}, "DATE", "1988-Q3"),
    ("the first half", WSJ, {}, "DATE", "1989-H1"),
    ("the last half of 1989", WSJ, {}, "DATE", "1989-H2"),
    ("the 1988 period", WSJ, {"period": "1989-Q3"}, "DATE", "1988-Q3"),
    # -- decades, centuries
    ("the 1990s", FRI, {}, "DATE", "199"),
    ("the late 1970s", FRI, {}, "DATE", "197"),
    ("mid-1990s", FRI, {}, "DATE", "199"),
    ("the '80s", FRI, {}, "DATE", "198"),
    ("the nineties", FRI, {}, "DATE", "199"),
    ("the 20th century", FRI, {}, "DATE", "19"),
    ("the eleventh century", FRI, {}, "DATE", "10"),
    ("this century", FRI, {}, "DATE", "19"),
    # -- durations
    ("two years", None, {}, "DURATION", "P2Y"),
    ("a month", None, {}, "DURATION", "P1M"),
    ("P", None, {}, "DATE", "XXXX-XX-XX"),
    ("two hours", None, {}, "DURATION", "PT2H"),
    ("ten years", None, {}, "DURATION", "P10Y"),
    ("the past two months", None, {}, "DURATION", "P2M"),
    ("the last five years", None, {}, "DURATION", "P5Y"),
    ("the next three years", None, {}, "DURATION", "P3Y"),
    ("the first nine months", None, {}, "DURATION", "P9M"),
    ("the nine months", None, {}, "DURATION", "P9M"),
    ("five-hour", None, {}, "DURATION", "PT5H"),
    ("two-year", None, {}, "DURATION", "P2Y"),
    ("52-week", None, {}, "DURATION", "P52W"),
    ("day-long", None, {}, "DURATION", "P1D"),
    ("at least 20 more years", None, {}, "DURATION", "P20Y"),
    ("about two weeks", None, {}, "DURATION", "P2W"),
    ("nearly an hour", None, {}, "DURATION", "PT1H"),
    ("5 1/2 hours", None, {}, "DURATION", "PT5H30M"),
    ("2 1/2 years", None, {}, "DURATION", "P2Y6M"),
    ("a year and a half", None, {}, "DURATION", "P18M"),
    ("a minute and a half", None, {}, "DURATION", "PT1M30S"),
    ("half an hour", None, {}, "DURATION", "PT30M"),
    ("one minute", None, {}, "DURATION", "PT1M"),
    ("90 days", None, {}, "DURATION", "P90D"),
    ("72 hours", None, {}, "DURATION", "PT72H"),
    ("two decades", None, {}, "DURATION", "P20Y"),
    ("the past decade", None, {}, "DURATION", "P10Y"),
    ("centuries", None, {}, "DURATION", "PXC"),
    ("decades-long", None, {}, "DURATION", "PXY"),
    ("five-and-a-half months", None, {}, "DURATION", "P5M15D"),
    ("several years", None, {}, "DURATION", "PXY"),
    ("a few days", None, {}, "DURATION", "PXD"),
    ("years", None, {}, "DURATION", "PXY"),
    ("months", None, {}, "DURATION", "PXM"),
    ("the next few days", None, {}, "DURATION", "PXD"),
    ("coming weeks", None, {}, "DURATION", "PXW"),
    ("eight trading days", None, {}, "DURATION", "P8D"),
    ("a couple of years", None, {}, "DURATION", "P2Y"),
    ("the year", WSJ, {"after": "ended"}, "DURATION", "P1Y"),
    ("a day", WSJ, {"after": "when", "tense": "conditional"}, "DATE", "FUTURE_REF"),
    ("a week", WSJ, {"after": "when", "tense": "past"}, "DATE", "PAST_REF"),
    ("a while", None, {}, "DURATION", "PXX"),
    ("some time", None, {}, "DURATION", "PXX"),
    # -- sets
    ("every Monday", None, {}, "SET", "XXXX-WXX-1"),
    ("each Thursday", None, {}, "SET", "XXXX-WXX-4"),
    ("Tuesday nights", None, {}, "SET", "XXXX-WXX-2TNI"),
    ("Mondays", None, {}, "SET", "XXXX-WXX-1"),
    ("daily", None, {}, "SET", "P1D"),
    ("weekly", None, {}, "SET", "P1W"),
    ("annually", None, {}, "SET", "P1Y"),
    ("hourly", None, {}, "SET", "PT1H"),
    ("every day", None, {}, "SET", "P1D"),
    ("each year", None, {}, "SET", "P1Y"),
    ("every quarter", None, {}, "SET", "P1Q"),
    ("every other week", None, {}, "SET", "P2W"),
    ("every three years", None, {}, "SET", "P3Y"),
    ("each July", None, {}, "SET", "XXXX-07"),
    ("every summer", None, {}, "SET", "XXXX-SU"),
    ("a year", None, {"signal": "twice"}, "SET", "P1Y"),
    # -- now, recently, in the future
    ("currently", None, {}, "DATE", "PRESENT_REF"),
    ("right now", None, {}, "DATE", "PRESENT_REF"),
    ("these days", None, {}, "DATE", "PRESENT_REF"),
    ("current", None, {}, "DATE", "PRESENT_REF"),
    ("recently", None, {}, "DATE", "PAST_REF"),
    ("recent", None, {}, "DATE", "PAST_REF"),
    ("lately", None, {}, "DATE", "PAST_REF"),
    ("the past", None, {}, "DATE", "PAST_REF"),
    ("recent years", None, {}, "DATE", "PAST_REF"),
    ("the future", None, {}, "DATE", "FUTURE_REF"),
    ("the near future", None, {}, "DATE", "FUTURE_REF"),
    ("soon", None, {}, "DATE", "FUTURE_REF"),
    ("very soon", None, {}, "DATE", "FUTURE_REF"),
    ("in the future", None, {}, "DATE", "XXXX-XX-XX"),
    ("future quarters", None, {}, "DATE", "FUTURE_REF"),
    ("the short term", None, {}, "DATE", "FUTURE_REF"),
    # -- holidays
    ("Christmas", FRI, {"tense": "past"}, "DATE", "1997-12-25"),
    ("Thanksgiving Day", dt.date(1999, 12, 1), {"tense": "past"}, "DATE", "1999-11-25"),
    ("Election Day", dt.date(1998, 10, 26), {"tense": "future"}, "DATE", "1998-11-03"),
    ("Easter", dt.date(2000, 4, 17), {"tense": "future"}, "DATE", "2000-04-23"),
    ("Labor Day 2024", None, {}, "DATE", "2024-09-02"),
    ("Memorial Day 2024", None, {}, "DATE", "2024-05-27"),
    # -- without an anchor, relative values stay unresolved
    ("June 5", None, {}, "DATE", "XXXX-06-05"),
    ("Friday", None, {}, "DATE", "XXXX-WXX-5"),
    ("last spring", None, {}, "DATE", "XXXX-SP"),
    ("yesterday", None, {}, "DATE", "XXXX-XX-XX"),
    # -- second round: weeks of dates, spelled-out days, generic days, "one day", the night in view
    ("the week of March 6", dt.date(2000, 2, 24), {"tense": "future"}, "DATE", "2000-W10"),
    ("week of Monday, March 6", dt.date(2000, 2, 24), {}, "DATE", "2000-W10"),
    ("March eighth", dt.date(1998, 3, 5), {"tense": "future"}, "DATE", "1998-03-08"),
    ("March the twenty-first", dt.date(1998, 3, 5), {}, "DATE", "1998-03-21"),
    ("the thirty-first of May", dt.date(1998, 3, 5), {}, "DATE", "1998-05-31"),
    ("this coming Sunday, March eighth", dt.date(1998, 3, 5), {}, "DATE", "1998-03-08"),
    ("weeks or months", None, {}, "DURATION", "PXW"),
    ("then current", None, {}, "DATE", "PAST_REF"),
    ("then-current", None, {}, "DATE", "PAST_REF"),
    ("one day", FRI, {"signal": "someday", "tense": "future"}, "DATE", "FUTURE_REF"),
    ("one day", FRI, {"signal": "someday", "tense": "past"}, "DATE", "PAST_REF"),
    ("one day", FRI, {}, "DURATION", "P1D"),
    ("today", FRI, {"signal": "generic"}, "DATE", "PRESENT_REF"),
    ("tomorrow", FRI, {"signal": "generic"}, "DATE", "FUTURE_REF"),
    ("overnight", dt.date(1989, 10, 30), {"reference": "1989-10-27"}, "TIME", "1989-10-26TNI"),
    ("overnight", dt.date(1989, 10, 30), {"reference": "1989-08-27"}, "TIME", "1989-10-29TNI"),
    ("Easter week", dt.date(2000, 4, 17), {"tense": "past"}, "DATE", "2000-W16"),
    ("that day", WSJ, {"reference": "1987"}, "DATE", "XXXX-XX-XX"),
    ("that same day", WSJ, {"reference": "1987-10"}, "DATE", "1987-10-XX"),
    # a wire service's clock: "1900 hours" after "at" is a time, after "for" a length
    ("1630 EST", dt.date(1987, 3, 2), {}, "TIME", "1987-03-02T16:30"),
    ("2024 Friday, UTC", dt.date(2019, 7, 15), {"tense": "past"}, "TIME", "2019-07-12T20:24Z"),
    ("2053 Wednesday night, UTC", dt.date(2019, 10, 22), {"tense": "past"}, "TIME", "2019-10-16T20:53Z"),
    ("4:42 local time on Saturday", dt.date(2019, 7, 15), {"tense": "past"}, "TIME", "2019-07-13T04:42"),
    ("0600 CST today", dt.date(1987, 3, 6), {}, "TIME", "1987-03-06T06:00"),
    ("8:00 p.m. AST on Wednesday", dt.date(2019, 9, 19), {"tense": "past"}, "TIME", "2019-09-18T20:00"),
    # told in the past, a time does not count from a date still ahead ("until April 5 ... was at")
    (
        "about 13:40",
        dt.date(2019, 3, 17),
        {"reference": "2019-04-05", "tense": "past"},
        "TIME",
        "2019-03-17T13:40",
    ),
    (
        "the previous week",
        dt.date(1987, 3, 5),
        {"reference": "1987-06-01", "tense": "past"},
        "DATE",
        "1987-W09",
    ),
    (
        "the previous week",
        dt.date(1987, 3, 5),
        {"reference": "1987-06-01", "tense": "future"},
        "DATE",
        "1987-W22",
    ),
    ("1000 London time", dt.date(1987, 3, 2), {}, "TIME", "1987-03-02T10:00"),
    ("1900 hours", dt.date(1987, 3, 2), {"signal": "at"}, "TIME", "1987-03-02T19:00"),
    ("1,250 hours", dt.date(1987, 3, 2), {"signal": "for"}, "DURATION", "PT1250H"),
    # a day counted in a run: the day it is told on; told in the past, the day in view
    ("the eighth day", dt.date(1990, 8, 15), {"tense": "present"}, "DATE", "1990-08-15"),
    ("a second consecutive day", dt.date(2008, 9, 17), {"tense": "perfect"}, "DATE", "2008-09-17"),
    ("the third straight day", WSJ, {"tense": "past", "reference": "1989-10-27"}, "DATE", "1989-10-27"),
    ("the first day of March", dt.date(1990, 8, 15), {}, "DATE", "1990-03-01"),
    # decimals: to the nearest smaller unit, in the unit itself when there is none
    ("23.99 years", WSJ, {}, "DURATION", "P24Y"),
    ("47.42 seconds", WSJ, {}, "DURATION", "PT47.42S"),
    ("0.004 days", WSJ, {}, "DURATION", "P0.004D"),
    # "the third and fourth quarters of 1987": that year's quarter; without a year, each year's
    ("fourth quarters of 1987", dt.date(1987, 3, 2), {}, "DATE", "1987-Q4"),
    ("fourth quarters", dt.date(1987, 3, 2), {}, "SET", "XXXX-Q4"),
    # before the year 1: a BC year, then thousands, millions, billions of years ago
    ("2,500 years ago", dt.date(2020, 1, 1), {}, "DATE", "BC0481"),
    ("30 centuries ago", dt.date(2020, 1, 1), {}, "DATE", "BC0981"),
    ("12,000 years ago", dt.date(2020, 1, 1), {}, "DATE", "KA12"),
    # -- not temporal expressions at all
    ("the treaty", SEED, {}, "DATE", "XXXX-XX-XX"),
    ("second", SEED, {}, "DATE", "XXXX-XX-XX"),
]


@pytest.mark.parametrize(("text", "anchor", "kwargs", "kind", "value"), CASES, ids=[c[0] for c in CASES])
def test_normalize_table(
    text: str, anchor: dt.date | None, kwargs: dict[str, Any], kind: str, value: str
) -> None:
    assert normalize(text, anchor, **kwargs) == (kind, value)


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 150
    assert len({c[0] for c in CASES}) >= 150


@pytest.mark.parametrize(
    ("text", "mod"),
    [
        ("early September", "START"),
        ("late November", "END"),
        ("mid-1996", "MID"),
        ("the end of 1990", "END"),
        ("the beginning of October", "START"),
        ("at least 30 days", "EQUAL_OR_MORE"),
        ("more than four hours", "MORE_THAN"),
        ("less than one hour", "LESS_THAN"),
        ("up to 180 days", "EQUAL_OR_LESS"),
        ("about two years", "APPROX"),
        ("the next two years or so", "APPROX"),
        ("a week or so ago", "APPROX"),
        ("1994 or later", "ON_OR_AFTER"),
        ("two years", None),
    ],
)
def test_mod(text: str, mod: str | None) -> None:
    got = resolve(text, WSJ)
    assert got is not None and got.mod == mod


def test_resolved_says_what_it_is_anchored_on() -> None:
    assert resolve("yesterday", FRI).anchored == "published"  # type: ignore[union-attr]
    assert resolve("the following day", FRI, reference="1998-01-05").anchored == "reference"  # type: ignore[union-attr]
    assert resolve("June 19, 2024", FRI).anchored is None  # type: ignore[union-attr]
    assert resolve("the treaty", FRI) is None


def test_a_count_past_the_calendar_names_no_date() -> None:
    # a livestock table: "slaughter 300,000 head versus 292,000 week ago"
    assert resolve("292,000 week ago", FRI) is None
    assert resolve("292,000 week", FRI, after="ago") is None
    assert normalize("30 year", FRI, after="bond") == ("DURATION", "P30Y")


def test_shift_and_parse_values() -> None:
    assert shift_value("1989-Q3", -1, "Y") == "1988-Q3"
    assert shift_value("2024-06-19", 2, "D") == "2024-06-21"
    assert shift_value("2024-08", -3, "M") == "2024-05"
    assert shift_value("2000-W01", -1, "W") == "1999-W52"
    assert shift_value("PRESENT_REF", 1, "D") is None
    point = parse_value("2024-FA")
    assert point is not None and point.date == dt.date(2024, 9, 1)
    assert parse_value("P2Y") is None


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("2024-06-19", "2024-06-19"),
        ("2024-08", "2024-08-01"),
        ("2024", "2024-01-01"),
        ("2024-FA", "2024-10-01"),
        ("2024-W02", "2024-01-08"),
        ("2024-Q3", "2024-07-01"),
        ("2024-H2", "2024-07-01"),
        ("199", "1990-01-01"),
        ("19", "1900-01-01"),
        ("BC0481", "0000-01-01"),
        ("MA65", "0000-01-01"),
        ("1998-02-13TNI", "1998-02-13"),
        ("PRESENT_REF", "2025-06-05"),
        ("P2Y", "2025-06-05"),
    ],
)
def test_sort_key(value: str, key: str) -> None:
    assert sort_key(value, "2025-06-05") == key


def test_sort_key_without_anything() -> None:
    assert sort_key(None, None) is None


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("P15Y", "P8M", "P15Y8M"),  # "15 years, 8 months"
        ("PT1H", "PT59M", "PT1H59M"),  # "1 hour 59 minutes"
        ("PT1H59M", "PT40.2S", "PT1H59M40.2S"),  # ... "40.2 seconds"
        ("P7Y", "P13D", "P7Y13D"),
        ("P2D", "PT3H", "P2DT3H"),
        ("PT24H", "P7D", None),  # "24-hour, 7-day": two lengths, the larger second
        ("P1W", "P2W", None),  # "one-week and two-weeks"
        ("PXY", "P6M", None),  # "years and six months": not counted
        ("PT47.42S", "PT1S", None),
    ],
)
def test_join_durations(first: str, second: str, joined: str | None) -> None:
    assert join_durations(first, second) == joined
