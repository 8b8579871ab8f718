// A value kept out of line (planner/util/boxed.h): reads as the default until
// written, copies are independent, moves carry the value, and set() writes a
// member as an assignment would.

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "planner/catalog/column.h"
#include "planner/util/boxed.h"

namespace migsim::testing {
namespace {

struct Parts {
  std::string text = "start";
  int number = 7;
};

TEST_CASE("boxed: an unwritten box reads as the default, also through a mutable one") {
  Boxed<Parts> box;
  CHECK(box->text == "start");
  CHECK((*box).number == 7);
  const Parts& read = box;
  CHECK(read.text == "start");
}

TEST_CASE("boxed: copies are independent, a move carries the value") {
  Boxed<Parts> a;
  a.mut().text = "written";
  Boxed<Parts> b = a;
  b.mut().text = "changed";
  CHECK(a->text == "written");
  CHECK(b->text == "changed");
  Boxed<Parts> c;
  c = a;
  a.mut().number = 1;
  CHECK(c->number == 7);
  Boxed<Parts> d = std::move(b);
  CHECK(d->text == "changed");
  Boxed<Parts> e = Parts{"whole", 3};
  CHECK(e->text == "whole");
  e = Parts{"again", 4};
  CHECK(e->number == 4);
  a = a;  // self-assignment keeps the value
  CHECK(a->text == "written");
}

TEST_CASE("boxed: set() reads back as an assignment would") {
  Boxed<Parts> box;
  box.set(&Parts::number, 0);  // not what an unwritten box reads (7): written
  CHECK(box->number == 0);
  Boxed<Parts> other;
  other.set(&Parts::text, std::string());
  CHECK(other->text.empty());
  other.set(&Parts::text, "later");
  CHECK(other->text == "later");

  Column c;
  c.extras.set(&ColumnExtras::comment, std::string());
  CHECK(c.extras->comment.empty());
  c.extras.set(&ColumnExtras::collation, "C");
  Column copy = c;
  copy.extras.set(&ColumnExtras::collation, std::string());
  CHECK(c.extras->collation == "C");
  CHECK(copy.extras->collation.empty());
}

TEST_CASE("boxed: assigning a value, the default too, reads back as that value") {
  Boxed<std::string> text;
  text = std::string();  // what an unwritten box reads: nothing to keep
  CHECK(text->empty());
  text = "detail";
  CHECK(*text == "detail");
  text = std::string();  // written before: now holds the empty string
  CHECK(text->empty());
  Boxed<std::string> copy = text;
  copy = "other";
  CHECK(text->empty());
  CHECK(*copy == "other");

  Boxed<std::vector<std::string>> notices;
  notices = std::vector<std::string>{};
  CHECK(notices->empty());
  notices = std::vector<std::string>{"a", "b"};
  CHECK(*notices == std::vector<std::string>{"a", "b"});

  Boxed<Parts> parts;  // no ==: always kept
  parts = Parts{};
  CHECK(parts->text == "start");
  parts = Parts{"set", 1};
  CHECK(parts->number == 1);
}

}  // namespace
}  // namespace migsim::testing
