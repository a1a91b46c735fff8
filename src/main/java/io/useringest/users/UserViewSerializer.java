package io.useringest.users;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * A user as JSON, field by field with names encoded once: the reflective bean serializer
 * was a quarter of a page of GET /data in a profile. The same object as the bean
 * serializer wrote (UserViewSerializerTest compares them).
 */
public class UserViewSerializer extends ValueSerializer<UserView> {

    static final SerializableString ID = new SerializedString("id");

    static final SerializableString USER_ID = new SerializedString("user_id");

    static final SerializableString FIRST_NAME = new SerializedString("first_name");

    static final SerializableString LAST_NAME = new SerializedString("last_name");

    static final SerializableString BIRTHTS = new SerializedString("birthts");

    static final SerializableString BIRTHDATE = new SerializedString("birthdate");

    static final SerializableString AGE = new SerializedString("age");

    static final SerializableString IMG_PATH = new SerializedString("img_path");

    static final SerializableString IMAGE_URL = new SerializedString("image_url");

    @Override
    public void serialize(UserView user, JsonGenerator json, SerializationContext context) {
        write(user, json);
    }

    /**
     * Writes one user straight to the generator: streams of users call this per row
     * rather than {@code writePOJO}, which looks the serializer up for every value.
     */
    public static void write(UserView user, JsonGenerator json) {
        json.writeStartObject(user);
        json.writeName(ID);
        json.writeNumber(user.id());
        json.writeName(USER_ID);
        json.writeString(user.userId());
        json.writeName(FIRST_NAME);
        json.writeString(user.firstName());
        json.writeName(LAST_NAME);
        json.writeString(user.lastName());
        json.writeName(BIRTHTS);
        json.writeNumber(user.birthts());
        json.writeName(BIRTHDATE);
        json.writeString(user.birthdate().toString());
        json.writeName(AGE);
        json.writeNumber(user.age());
        json.writeName(IMG_PATH);
        json.writeString(user.imgPath());
        json.writeName(IMAGE_URL);
        json.writeString(user.imageUrl());
        json.writeEndObject();
    }

}
