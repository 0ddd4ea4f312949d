from teletravail.places.matching import Candidate, DuplicateFinder, name_similarity


def test_names_are_compared_without_accents_case_or_word_order():
    assert name_similarity("La Cordée Liberté", "cordee liberte (la)") == 100
    assert name_similarity("Le Village by CA", "Village by CA") > 85
    assert name_similarity("Anticafé", "Hubsy Café") < 85


def test_a_twin_is_near_with_a_similar_name():
    finder = DuplicateFinder(
        [Candidate(1, "Anticafé", 48.869483, 2.361539), Candidate(2, "Craft", 48.873196, 2.363061)]
    )
    match = finder.find("Anti-café", 48.8696, 2.3617)
    assert match.key == 1
    assert 0 < match.distance_km < 0.05


def test_no_twin_far_away_or_with_another_name():
    finder = DuplicateFinder([Candidate(1, "Anticafé", 48.869483, 2.361539)])
    assert finder.find("Anticafé", 48.8782, 2.3617) is None  # 1 km north
    assert finder.find("Le Tank", 48.8695, 2.3615) is None  # same building, another place


def test_excluded_places_are_not_candidates():
    finder = DuplicateFinder([Candidate(1, "Anticafé", 48.869483, 2.361539)])
    assert finder.find("Anticafé", 48.869483, 2.361539, exclude={1}) is None


def test_a_twin_across_a_cell_boundary_is_found():
    finder = DuplicateFinder()
    step = finder.cell_degrees
    finder.add(Candidate("a", "Coworking du Port", 10 * step - 0.0001, 2.0))
    assert finder.find("Coworking du Port", 10 * step + 0.0001, 2.0).key == "a"
